// The limits a typo cannot exceed, each with the message README "Matrix files" quotes.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MATRIX_LIMITS } from '../../src/matrix/limits.js';
import { loadMatrix, resolveMatrix } from '../../src/matrix/load-matrix.js';
import { expandPlan } from '../../src/matrix/plan.js';
import { inputErrorOf } from '../helpers/run-in-process.js';

function nestedList(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

function errorOf(input: Record<string, unknown>, overrides = {}): string {
  return inputErrorOf(() => resolveMatrix({ target: { kind: 'builtin' }, ...input }, null, overrides));
}

describe('matrix limits', () => {
  it('refuses each value past its limit, naming the key path and the limit', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ warmup: 1_000_000_000 }, 'matrix: warmup: expected at most 1000, got 1000000000'],
      [{ repetitions: 1001 }, 'matrix: repetitions: expected at most 1000, got 1001'],
      [
        { repetitions: 1000, warmup: 1000 },
        'matrix: plan: 3 threads × 3 modes × (1000 warmup + 1000 repetitions) = 18000 runs, more than the limit of 10000; lower repetitions or warmup, or split the matrix',
      ],
      [
        { threads: [2, 4], repetitions: 1000, warmup: 1000 },
        'matrix: plan: 2 threads × 3 modes + the reference × (1000 warmup + 1000 repetitions) = 14000 runs, more than the limit of 10000; lower repetitions or warmup, or split the matrix',
      ],
      [
        { target: { kind: 'builtin', employees: 1_000_000_000 } },
        'matrix: target.employees: expected at most 10000000, got 1000000000',
      ],
      [
        { target: { kind: 'builtin', years: '2025-9999' } },
        'matrix: target.years: 2025-9999 is 7975 years, more than the limit of 100',
      ],
      [
        { target: { kind: 'builtin', years: { start: 25, end: 29 } } },
        'matrix: target.years: expected four-digit years, got 25',
      ],
      [{ timeout: '1000h' }, 'matrix: timeout: expected at most 604800000 ms, got "1000h" (3600000000 ms)'],
      [{ timeout: '0s' }, 'matrix: timeout: expected at least 1 ms, got "0s" (0 ms)'],
      [{ sampleInterval: '1ms' }, 'matrix: sampleInterval: expected at least 10 ms, got "1ms" (1 ms)'],
      [{ sampleInterval: 120_000 }, 'matrix: sampleInterval: expected at most 60000 ms, got 120000 ms'],
      [{ timeout: '7d' }, 'matrix: timeout: expected a duration like "90s", "10m", "1h" or "1500ms", got "7d"'],
      [
        { timeout: '168h' },
        'matrix: sampleInterval: timeout 604800000 ms ÷ sampleInterval 100 ms = 6048000 timeline samples per run, more than the limit of 1000000; raise sampleInterval or lower timeout',
      ],
      [
        { target: { kind: 'command', command: Array.from({ length: 5000 }, () => 'x') } },
        'matrix: target.command: expected at most 1000 items, got 5000',
      ],
      [{ name: 'x'.repeat(300) }, 'matrix: name: expected at most 100 characters, got 300 characters'],
      [
        { target: { kind: 'builtin', scenarioId: 'x'.repeat(20_000) } },
        'matrix: target.scenarioId: expected at most 10000 characters, got 20000',
      ],
      [
        { threads: [nestedList(40)] },
        `matrix: threads${'[0]'.repeat(31)}: nested more than 32 levels deep; a matrix is a few levels deep`,
      ],
    ];
    for (const [input, message] of cases) expect(errorOf(input), message).toBe(message);
    expect(errorOf({}, { reps: 1001 }), '--reps').toBe('--reps: expected at most 1000, got 1001');
    expect(errorOf({}, { timeout: '1000h' }), '--timeout').toBe(
      '--timeout: expected at most 604800000 ms, got "1000h" (3600000000 ms)',
    );
  });

  it('allows the largest values a real matrix needs, the 1,008-run soak ten times over', () => {
    const soak = resolveMatrix(
      {
        target: { kind: 'builtin', employees: MATRIX_LIMITS.employees, years: '2025-2124' },
        threads: Array.from({ length: 16 }, (_, index) => index + 1),
        repetitions: 200,
        warmup: 8,
        timeout: '24h',
        sampleInterval: '100ms',
      },
      null,
    );
    expect(expandPlan(soak).runs.length, '16 × 3 × 208 runs').toBe(9984);
    expect(soak.timeoutMs / soak.sampleIntervalMs, 'samples per run').toBe(864_000);
  });

  it('refuses a file past 1 MiB before reading it', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-limits-')), 'm.yaml');
    await writeFile(file, `target: { kind: builtin }\n# ${'x'.repeat(2_000_000)}\n`);
    await expect(loadMatrix(file), 'size').rejects.toThrow(
      /^cannot read matrix file .*m\.yaml: 2000029 bytes, more than the limit of 1048576 bytes \(1 MiB\) for a matrix$/,
    );
  });
});

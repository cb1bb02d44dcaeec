import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatrix, resolveMatrix } from '../../src/matrix/load-matrix.js';
import { inputErrorOf } from '../helpers/run-in-process.js';

async function write(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-matrix-'));
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

const errorOf = inputErrorOf;

describe('resolveMatrix', () => {
  it('fills every default from one place', () => {
    const matrix = resolveMatrix({ target: { kind: 'builtin' } }, null);
    expect(matrix.threads, 'threads').toEqual([1, 2, 4]);
    expect(matrix.modes, 'modes').toEqual(['sequential', 'selective', 'aggressive']);
    expect([matrix.repetitions, matrix.warmup, matrix.order, matrix.keep], 'runs').toEqual([
      3,
      1,
      'interleaved',
      'failures',
    ]);
    expect(matrix.timeoutMs, 'timeout').toBe(600_000);
    expect(matrix.target, 'target').toEqual({
      kind: 'builtin',
      employees: 10_000,
      years: { start: 2025, end: 2029 },
      seed: 42,
      scenarioId: 'default',
    });
    expect(matrix.recommendation, 'recommendation').toEqual({ tolerance: 0.05, memoryBudget: { fraction: 0.8 } });
    expect(Object.keys(matrix.tables), 'tables').toEqual(['fct_yearly_events', 'fct_workforce_snapshot']);
  });

  it('parses units: durations, years, memory budgets', () => {
    const matrix = resolveMatrix(
      {
        target: { kind: 'builtin', years: { start: 2030, end: 2031 } },
        timeout: '90s',
        sampleInterval: 250,
        recommendation: { memoryBudget: '512MiB' },
      },
      null,
    );
    expect(matrix.timeoutMs, 'timeout').toBe(90_000);
    expect(matrix.sampleIntervalMs, 'sample interval').toBe(250);
    expect(matrix.target.kind === 'builtin' && matrix.target.years, 'years').toEqual({ start: 2030, end: 2031 });
    expect(matrix.recommendation.memoryBudget, 'budget').toEqual({ bytes: 512 * 2 ** 20 });
  });

  it('lets command-line overrides win and names the flag in their errors', () => {
    const matrix = resolveMatrix({ target: { kind: 'builtin' }, threads: [1, 2] }, null, {
      threads: [8, 4],
      modes: ['aggressive'],
      reps: 5,
      warmup: 0,
    });
    expect([matrix.threads, matrix.modes, matrix.repetitions, matrix.warmup], 'overridden').toEqual([
      [4, 8],
      ['aggressive'],
      5,
      0,
    ]);
    expect(
      errorOf(() => resolveMatrix({ target: { kind: 'builtin' } }, null, { reps: 0 })),
      'reps',
    ).toBe('--reps: expected an integer of at least 1, got 0');
    const timed = resolveMatrix({ target: { kind: 'builtin' }, timeout: '10m', keep: 'all' }, null, {
      timeout: '90s',
      keep: 'none',
    });
    expect([timed.timeoutMs, timed.keep], 'timeout and keep overridden').toEqual([90_000, 'none']);
    expect(
      errorOf(() => resolveMatrix({ target: { kind: 'builtin' } }, null, { timeout: 'soon' })),
      'timeout',
    ).toBe('--timeout: expected a duration like "90s", "10m", "1h" or "1500ms", got "soon"');
    expect(
      errorOf(() => resolveMatrix({ target: { kind: 'builtin' } }, null, { threads: [1, 32] })),
      'threads',
    ).toBe('--threads: expected an integer between 1 and 16, got 32');
    expect(
      errorOf(() => resolveMatrix({ target: { kind: 'builtin' } }, null, { modes: ['turbo' as never] })),
      'modes',
    ).toMatch(/^--modes: .*"turbo"/);
  });

  it('names key path and value for each kind of mistake', () => {
    const cases: [unknown, string][] = [
      [
        { target: { kind: 'builtin' }, threads: [1, 17] },
        'matrix: threads[1]: expected an integer between 1 and 16, got 17',
      ],
      [
        { target: { kind: 'builtin' }, threads: [1.5] },
        'matrix: threads[0]: expected an integer between 1 and 16, got 1.5',
      ],
      [
        { target: { kind: 'builtin' }, thredas: [1] },
        'matrix: (top level): unknown key "thredas" (did you mean "threads"?)',
      ],
      [
        { target: { kind: 'builtin' }, timeout: 'soon' },
        'matrix: timeout: expected a duration like "90s", "10m", "1h" or "1500ms", got "soon"',
      ],
      [
        { target: { kind: 'builtin', years: '2029-2025' } },
        'matrix: target.years: the range is reversed (2029-2025); expected start ≤ end',
      ],
      [{ target: { kind: 'builtin' }, threads: [2, 2] }, 'matrix: threads: thread count 2 is listed twice'],
      [
        { target: { kind: 'command', command: ['run {threads}'] } },
        'matrix: target.command: looks like a shell string ("run {threads}"); write it as an argument list, e.g. ["run", "{threads}"]',
      ],
      [
        { target: { kind: 'command', command: ['sim', '{thread}'] } },
        'matrix: target.command[1]: unknown placeholder {thread}; expected one of {threads} {mode} {database} {seed} {rep} {workdir}',
      ],
      [
        { target: { kind: 'builtin' }, threads: [2, 4], reference: { threads: 3, mode: 'sequential' } },
        'matrix: reference: { threads: 3, mode: sequential } is not in the matrix (threads [2, 4] × modes [sequential, selective, aggressive]); expected one of its configurations',
      ],
      [
        { target: { kind: 'builtin' }, modes: ['sequential', 'turbo'] },
        'matrix: modes[1]: expected one of "sequential"|"selective"|"aggressive", got "turbo"',
      ],
      [{ target: { kind: 'builtin', employees: 'many' } }, 'matrix: target.employees: expected number, got "many"'],
      [
        { target: { kind: 'builtin' }, recommendation: { memoryBudget: 'lots' } },
        'matrix: recommendation.memoryBudget: expected "80%", "16GB", "512MiB", a number of bytes or null, got "lots"',
      ],
    ];
    for (const [input, message] of cases)
      expect(
        errorOf(() => resolveMatrix(input, null)),
        message,
      ).toBe(message);
    expect(
      errorOf(() => resolveMatrix({ threads: [1] }, null)),
      'missing target',
    ).toMatch(/^matrix: target: .*\(missing\)$/);
    expect(
      errorOf(() => resolveMatrix({ target: { kind: 'docker' } }, null)),
      'unknown kind',
    ).toMatch(/^matrix: target\.kind: /);
  });

  it("resolves paths against the matrix file's folder", () => {
    const matrix = resolveMatrix({ target: { kind: 'command', command: ['sim'], cwd: 'bin' } }, '/srv/matrices/m.yaml');
    expect(matrix.target.kind === 'command' && matrix.target.cwd, 'cwd').toBe('/srv/matrices/bin');
    expect(matrix.name, 'name from file').toBe('m');
  });
});

describe('loadMatrix', () => {
  it('reads YAML and JSON', async () => {
    const yaml = await loadMatrix(
      await write('a.yaml', 'target: { kind: builtin, employees: 500 }\nthreads: [1, 2]\n'),
    );
    const json = await loadMatrix(
      await write('b.json', '{"target": {"kind": "builtin", "employees": 500}, "threads": [1, 2]}'),
    );
    expect(yaml.threads, 'yaml').toEqual([1, 2]);
    expect(json.target, 'json').toEqual(yaml.target);
  });

  it('names line and column of a YAML syntax error', async () => {
    const file = await write('c.yaml', 'target:\n  kind: builtin\nthreads: [1, 2\n');
    await expect(loadMatrix(file), 'syntax').rejects.toThrow(/c\.yaml:\d+:\d+: YAML syntax error/);
  });

  it("names the line that opened an unclosed [ (not the next key's), and ends without a dangling colon", async () => {
    const unclosed = await write('d.yaml', 'name: x\nthreads: [1, 2\nmodes: [sequential]\n');
    await expect(loadMatrix(unclosed), 'unclosed').rejects.toThrow(
      new RegExp(
        `^${unclosed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:10: YAML syntax error: this \\[ is never closed with \\]$`,
      ),
    );
    const nested = await write('e.yaml', 'name: x\nthreads: 1, 2:\n');
    await expect(loadMatrix(nested), 'nested').rejects.toThrow(
      /e\.yaml:2:10: YAML syntax error: Nested mappings are not allowed in compact mappings$/,
    );
    // yaml points at "builtin" on line 2; the line to fix is the next one, indented under a key with a value.
    const deeper = await write('f.yaml', 'target:\n  kind: builtin\n    employees: 100\nthreads: [1]\n');
    await expect(loadMatrix(deeper), 'over-indented').rejects.toThrow(
      /f\.yaml:3:5: YAML syntax error: this line is indented deeper than the key on line 2, which already has a value; indent it as that key is, or nest it under a key of its own$/,
    );
  });

  it('says when the file does not exist', async () => {
    await expect(loadMatrix('/nonexistent/m.yaml'), 'missing').rejects.toThrow(
      'cannot read matrix file /nonexistent/m.yaml: no such file',
    );
  });

  it('loads every ready matrix', async () => {
    // The PlanAlign example names no checkout: a PlanAlign developer gives theirs in the environment.
    const saved = process.env['THREADGATE_PLANALIGN_CHECKOUT'];
    process.env['THREADGATE_PLANALIGN_CHECKOUT'] = '/home/analyst/planwise_navigator';
    try {
      for (const file of ['quick', 'nightly', 'tuning', 'soak', 'examples/command', 'examples/planalign']) {
        const matrix = await loadMatrix(path.join('matrices', `${file}.yaml`));
        expect(matrix.threads.length, file).toBeGreaterThan(0);
      }
    } finally {
      if (saved === undefined) delete process.env['THREADGATE_PLANALIGN_CHECKOUT'];
      else process.env['THREADGATE_PLANALIGN_CHECKOUT'] = saved;
    }
  });
});

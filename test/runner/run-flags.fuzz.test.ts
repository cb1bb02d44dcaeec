// `threadgate run FILE FLAGS --dry-run` in-process, 1,000 times: the CLI's own parser (yargs, strict),
// the run command's handler and flag parsers, the loader, the plan and the error-to-exit-code
// mapping, exactly as dist/cli.js wires them. Every outcome is exit 0 with the plan printed, or
// exit 2 with short lines naming the flag or the key path; never another exception or exit 70.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import { displayPath } from '../../src/matrix/read-matrix-file.js';
import { runCommand } from '../../src/commands/run-command.js';
import { makeTempDir } from '../helpers/run-cli.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { FUZZ_SEED, matrixFile, runFlags, type FuzzFile } from '../matrix/fuzz-inputs.js';
import { checkRunOutcome } from './run-outcome.js';

/** 1,000 by default (yargs costs about 15 ms of CPU a parse); FUZZ_FLAG_SETS=… for more or fewer. */
const FLAG_SETS = Number(process.env['FUZZ_FLAG_SETS'] ?? 1000);

/** A matrix that is valid, so that the flags alone decide (half the cases). */
const VALID: FuzzFile = {
  name: 'valid.yaml',
  bytes: new TextEncoder().encode('target: { kind: builtin, employees: 500 }\nthreads: [1, 2, 4]\n'),
};

describe('run --dry-run in-process under 1,000 generated flag sets and files', () => {
  it('exits 0 with the plan, or 2 with one line per problem naming the flag or key path', async () => {
    const dir = await makeTempDir('tg-flags-fuzz-');
    const counts = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(VALID), matrixFile), runFlags, async (input, flags) => {
        const file = path.join(dir, input.name);
        writeFileSync(file, input.bytes);
        const outcome = await runInProcess(['run', file, ...flags, '--dry-run'], [runCommand]);
        checkRunOutcome(outcome, file);
        counts[outcome.exitCode === EXIT.pass ? 'ok' : 'refused'] += 1;
      }),
      { numRuns: FLAG_SETS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(counts.ok, 'valid flag sets').toBeGreaterThan(FLAG_SETS / 50);
    expect(counts.refused, 'refused flag sets').toBeGreaterThan(FLAG_SETS / 2);
  }, 600_000);

  it('names the limit and the flag for the values the issue lists', async () => {
    const dir = await makeTempDir('tg-flags-');
    const file = path.join(dir, VALID.name);
    writeFileSync(file, VALID.bytes);
    const cases: [string[], string][] = [
      [['--reps', '-1'], '--reps: expected an integer of at least 1, got -1'],
      [['--reps', '1e9'], '--reps: expected at most 1000, got 1000000000'],
      [['--warmup', '1000000000'], '--warmup: expected at most 1000, got 1000000000'],
      [['--reps', 'four'], '--reps: expected a whole number, got "four"'],
      [['--reps'], '--reps: expected a whole number, got ""'],
      [['--reps', '2', '--reps', '3'], '--reps: given 2 times ("2", "3"); give it once'],
      [['--threads', ',,'], '--threads: expected integers separated by commas, got ",,"'],
      [['--threads', '0'], '--threads: expected an integer between 1 and 16, got 0'],
      [['--threads', '17'], '--threads: expected an integer between 1 and 16, got 17'],
      [['--threads', '2.5'], '--threads: expected integers separated by commas, got "2.5"'],
      [['--threads', 'four'], '--threads: expected integers separated by commas, got "four"'],
      [
        ['--threads', Array.from({ length: 40 }, () => '1').join(',')],
        '--threads: expected at most 16 thread counts, got 40',
      ],
      [['--shard', '0/0'], '--shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/4), got "0/0"'],
      [['--shard', '5/4'], '--shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/4), got "5/4"'],
      [['--shard', '1/5000'], '--shard: expected at most 1000 shards, got 5000'],
      [['--timeout', '0s'], '--timeout: expected at least 1 ms, got "0s" (0 ms)'],
      [['--timeout', '1000h'], '--timeout: expected at most 604800000 ms, got "1000h" (3600000000 ms)'],
      [
        ['--reps', '1000', '--warmup', '1000'],
        `${displayPath(file)}: plan: 3 threads × 3 modes × (1000 warmup + 1000 repetitions) = 18000 runs, more than the limit of 10000; lower repetitions or warmup, or split the matrix`,
      ],
    ];
    for (const [flags, message] of cases) {
      const outcome = await runInProcess(['run', file, ...flags, '--dry-run'], [runCommand]);
      expect([outcome.exitCode, outcome.stderr], flags.join(' ')).toEqual([
        EXIT.input,
        `threadgate: error: ${message}\n`,
      ]);
    }
    const ok = await runInProcess(
      ['run', file, '--threads', '1,16', '--reps', '1', '--warmup', '0', '--dry-run'],
      [runCommand],
    );
    expect(ok.stdout, 'the plan').toContain(
      'plan: 6 configurations × (0 warmup + 1 repetitions) = 6 runs, interleaved',
    );
  }, 60_000);
});

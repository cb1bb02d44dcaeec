// The real CLI, as a user's shell starts it: `node dist/cli.js run FILE FLAGS --dry-run` in 150
// processes (two at a time) on generated files and flags, plus the hand-picked cases the issue
// names. Same verdicts as in-process: exit 0 with the plan or exit 2 with short lines; never a
// stack trace, a Node warning on stderr, or exit 70. (npm test builds dist/ first.)
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import { makeTempDir, runCli, type CliResult } from '../helpers/run-cli.js';
import { aliasBombYaml, FUZZ_SEED, matrixFile, runFlags } from '../matrix/fuzz-inputs.js';
import { checkRunOutcome } from './run-outcome.js';

/** 150 by default (about 0.3 s of CPU each); FUZZ_PROCESSES=… for more or fewer. */
const PROCESSES = Number(process.env['FUZZ_PROCESSES'] ?? 150);

/** Runs `jobs` two at a time (the machine has two cores). */
async function runPooled<T>(jobs: readonly (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next;
        next += 1;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}

describe('the real CLI on generated input', () => {
  it(`exits 0 or 2, never 70, with one line per problem (${PROCESSES} processes)`, async () => {
    const dir = await makeTempDir('tg-cli-fuzz-');
    // An argument cannot hold a NUL byte (the kernel's argv is NUL-terminated): those cases stay in-process.
    const cases = fc
      .sample(fc.tuple(matrixFile, runFlags), { numRuns: PROCESSES * 2, seed: FUZZ_SEED })
      .filter(([, flags]) => flags.every((flag) => !flag.includes('\0')))
      .slice(0, PROCESSES);
    const jobs = cases.map(([input, flags], index) => async () => {
      const file = path.join(dir, `${index}-${input.name}`);
      await writeFile(file, input.bytes);
      return { file, flags, result: await runCli(['run', file, ...flags, '--dry-run']) };
    });
    const outcomes = await runPooled(jobs);
    for (const { file, flags, result } of outcomes) {
      expect(result.stderr, `${flags.join(' ')}: no internal error`).not.toContain('internal error');
      checkRunOutcome(result, file);
    }
    const exits = outcomes.map(({ result }) => result.exitCode);
    expect(exits.filter((code) => code === EXIT.input).length, 'refused').toBeGreaterThan(PROCESSES / 2);
    expect(exits.filter((code) => code === EXIT.pass).length, 'accepted').toBeGreaterThan(0);
  }, 600_000);

  it('refuses the inputs the issue names, each with one line naming the key path or the limit', async () => {
    const dir = await makeTempDir('tg-cli-bad-');
    const write = async (name: string, content: string | Uint8Array) => {
      const file = path.join(dir, name);
      await writeFile(file, content);
      return file;
    };
    const folder = path.join(dir, 'folder.yaml');
    await mkdir(folder);
    const cases: [string[], RegExp][] = [
      [
        [await write('warmup.yaml', 'target: { kind: builtin }\nwarmup: 1000000000\n')],
        /: warmup: expected at most 1000, got 1000000000$/,
      ],
      [
        [await write('bomb.yaml', aliasBombYaml(9))],
        /: YAML aliases expand to more than 100 nodes; refused as an alias bomb \("billion laughs"\), not expanded$/,
      ],
      [[await write('nan.yaml', 'target: { kind: builtin }\nwarmup: .nan\n')], /: warmup: expected number, got NaN$/],
      [
        [await write('inf.yaml', 'target: { kind: builtin }\nthreads: [.inf]\n')],
        /: threads\[0\]: expected an integer between 1 and 16, got Infinity$/,
      ],
      [
        [
          await write(
            'latin1.yaml',
            Uint8Array.from([...Buffer.from('target: { kind: builtin }\nname: caf'), 0xe9, 0x0a]),
          ),
        ],
        /latin1\.yaml:2: not UTF-8 text; save the matrix as UTF-8$/,
      ],
      [[await write('empty.yaml', '')], /empty\.yaml: no matrix in the file/],
      [
        [await write('dup.json', '{"target": {"kind": "builtin"}, "target": {"kind": "command"}}')],
        /dup\.json:1:\d+: duplicate key: Map keys must be unique/,
      ],
      [
        [
          await write(
            'deep.json',
            `{"target": {"kind": "builtin"}, "threads": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
          ),
        ],
        /: threads(\[0\]){31,}: nested more than 32 levels deep/,
      ],
      [
        [await write('plan.yaml', 'target: { kind: builtin }\nrepetitions: 1000\nwarmup: 1000\n')],
        /: plan: 3 threads × 3 modes × \(1000 warmup \+ 1000 repetitions\) = 18000 runs, more than the limit of 10000/,
      ],
      [
        [await write('employees.yaml', 'target: { kind: builtin, employees: 1000000000 }\n')],
        /: target\.employees: expected at most 10000000, got 1000000000$/,
      ],
      [
        [await write('sample.yaml', 'target: { kind: builtin }\nsampleInterval: 1ms\n')],
        /: sampleInterval: expected at least 10 ms, got "1ms" \(1 ms\)$/,
      ],
      [[folder], /cannot read matrix file .*folder\.yaml: it is a directory/],
    ];
    const results: CliResult[] = await runPooled(
      cases.map(
        ([args]) =>
          () =>
            runCli(['run', ...args, '--dry-run']),
      ),
    );
    cases.forEach(([args, pattern], index) => {
      const { exitCode, stderr } = results[index]!;
      expect([exitCode, stderr.trimEnd().split('\n').length], `${args[0]}: exit 2, one line: ${stderr}`).toEqual([
        EXIT.input,
        1,
      ]);
      expect(stderr.trimEnd(), args[0]).toMatch(pattern);
    });
  }, 600_000);
});

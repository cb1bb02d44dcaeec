// The md5 digest is taken only when something reads it: `run` without golden digests to check takes
// none; `baseline save` then takes it from the reference database the keep policy left, or, when that
// database is gone (keep: none), says exactly why and how to get one; `--stable-digests` takes it anyway.
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/run-cli.js';

let dir: string;
let matrix: string;

beforeAll(async () => {
  dir = await makeTempDir('tg-lazy-md5-');
  matrix = path.join(dir, 'lazy.yaml');
  await writeFile(
    matrix,
    [
      'name: lazy',
      'target: { kind: builtin, employees: 200, years: 2025-2026, seed: 7 }',
      'threads: [1, 2]',
      'modes: [sequential]',
      'repetitions: 1',
      'warmup: 0',
      'keep: none',
    ].join('\n'),
  );
});

async function runOnce(out: string, flags: readonly string[] = []): Promise<string> {
  const run = await runCli([
    'run',
    matrix,
    '--out',
    path.join(dir, out),
    '--no-baseline',
    '--quiet',
    '--json',
    ...flags,
  ]);
  expect(run.exitCode, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { runDir: string }).runDir;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('the md5 digest, taken only when something reads it', () => {
  it('is not taken by a run without golden digests; with keep: none, baseline save then says why in one line', async () => {
    const runDir = await runOnce('plain');
    expect(await exists(path.join(runDir, 'stable-digests.json')), 'no md5 digest taken').toBe(false);
    expect(
      await exists(path.join(runDir, 'runs', 't1-sequential-r1', 'simulation.duckdb')),
      'keep: none deleted the reference database',
    ).toBe(false);
    const save = await runCli(['baseline', 'save', runDir, '--to', path.join(dir, 'refused.json')]);
    expect(save.exitCode, 'exit 4: nothing to take golden digests from').toBe(4);
    expect(save.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(save.stderr).toMatch(
      /^threadgate: not saved: the reference run t1-sequential-r1 has no md5-v2 digests \(the run did not take them .*is gone \(keep: none\): run the matrix again with --stable-digests\)/,
    );
    expect(await exists(path.join(dir, 'refused.json')), 'no baseline written').toBe(false);
  }, 300_000);

  it('is taken at the end with --stable-digests, and baseline save uses it', async () => {
    const runDir = await runOnce('flagged', ['--stable-digests']);
    const file = JSON.parse(await readFile(path.join(runDir, 'stable-digests.json'), 'utf8')) as {
      run: string;
      stableDigests: Record<string, { algorithm: string; digest: string }>;
    };
    expect(file.run, 'the reference run').toBe('t1-sequential-r1');
    expect(file.stableDigests['fct_yearly_events']?.algorithm, 'md5-v2').toBe('md5-v2');
    const save = await runCli(['baseline', 'save', runDir, '--to', path.join(dir, 'saved.json')]);
    expect(save.exitCode, save.stderr).toBe(0);
    const baseline = JSON.parse(await readFile(path.join(dir, 'saved.json'), 'utf8')) as {
      golden: { tables: Record<string, { digest: string }> };
    };
    expect(baseline.golden.tables['fct_yearly_events']?.digest, "golden = the run's md5 digest").toBe(
      file.stableDigests['fct_yearly_events']?.digest,
    );
    // A run checked against those golden digests takes its md5 digest without being asked, and passes.
    const checked = await runCli([
      'run',
      matrix,
      '--out',
      path.join(dir, 'checked'),
      '--baseline',
      path.join(dir, 'saved.json'),
      '--quiet',
      '--json',
    ]);
    expect(checked.exitCode, checked.stderr).toBe(0);
    const checkedDir = (JSON.parse(checked.stdout) as { runDir: string }).runDir;
    expect(await exists(path.join(checkedDir, 'stable-digests.json')), 'taken for the golden check').toBe(true);
    const report = JSON.parse(await readFile(path.join(checkedDir, 'report.json'), 'utf8')) as {
      baselineComparisons: { golden: { status: string } };
    };
    expect(report.baselineComparisons.golden.status, 'golden compared').toBe('pass');
  }, 300_000);
});

// baseline save + gate end to end: a fresh baseline passes; a changed golden digest fails with exit 1
// and names the table; a same-hardware slowdown fails with exit 3; other hardware's timings are never used.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaselineFile } from '../../src/baselines/types.js';
import { withGoldenDigest, withScaledTimings } from '../helpers/baseline-edits.js';
import { makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';

let dir: string;
let runDir: string;
let saved: BaselineFile;

beforeAll(async () => {
  dir = await makeTempDir('tg-baseline-');
  const matrix = await writeFaultyMatrix(dir, 'none');
  const run = await runCli([
    'run',
    matrix,
    '--modes',
    'sequential',
    '--reps',
    '3',
    '--out',
    path.join(dir, 'out'),
    '--json',
    '--quiet',
    '--no-baseline',
  ]);
  expect(run.exitCode, 'run exit').toBe(0);
  runDir = (JSON.parse(run.stdout) as { runDir: string }).runDir;
  const save = await runCli(['baseline', 'save', runDir, '--to', path.join(dir, 'baseline.json')]);
  expect(save.exitCode, `save exit: ${save.stderr}`).toBe(0);
  saved = JSON.parse(await readFile(path.join(dir, 'baseline.json'), 'utf8')) as BaselineFile;
});

async function gateWith(baseline: BaselineFile, name: string) {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(baseline));
  return runCli(['gate', runDir, '--baseline', file]);
}

describe('baseline save and gate', () => {
  it("saves the reference run's digests as golden and this machine's samples", () => {
    expect(Object.keys(saved.golden?.tables ?? {}).sort(), 'golden tables').toEqual([
      'fct_workforce_snapshot',
      'fct_yearly_events',
    ]);
    const [machine] = Object.values(saved.performance);
    expect(
      machine?.configurations.map((c) => c.key),
      'configurations',
    ).toEqual(['t1-sequential', 't2-sequential']);
    expect(machine?.configurations[0]?.samplesMs.length, 'samples kept').toBe(3);
  });

  it('passes against the baseline it just saved', async () => {
    const result = await gateWith(saved, 'same.json');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout, 'golden check').toMatch(
      /PASS {2}golden-digests: 2 table\(s\) identical to the golden digests/,
    );
  });

  it('fails with exit 1 when a golden digest changed, naming the table', async () => {
    const result = await gateWith(withGoldenDigest(saved, 'fct_yearly_events', '0'.repeat(32)), 'changed.json');
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.stdout, 'message').toMatch(
      /FAIL {2}golden-digests: fct_yearly_events differs from the golden digests/,
    );
  });

  it('fails with exit 3 on a same-hardware slowdown that is large and significant', async () => {
    const result = await gateWith(withScaledTimings(saved, 0.6), 'faster.json');
    expect(result.exitCode, result.stdout).toBe(3);
    expect(result.stdout, 'message').toMatch(/FAIL {2}performance:/);
  });

  it('never compares timings from other hardware, and says so', async () => {
    const result = await gateWith(withScaledTimings(saved, 0.6, 'hw-elsewhere'), 'other.json');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout, 'message').toMatch(
      /SKIP {2}performance: baseline holds figures for hw-elsewhere, not this machine/,
    );
  });
});

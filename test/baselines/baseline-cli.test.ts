// baseline save + gate end to end on the built-in orchestrator (real DuckDB output tables): a fresh
// baseline passes, one altered golden digest exits 1 naming the table, a same-hardware baseline 40%
// faster than measured exits 3.
//
// Sample counts: the run makes 8 timed repetitions per configuration and the doctored baseline holds
// each of them × 0.6, so the exact rank test applies (8 vs 8 reaches p = 0.00016 < 0.002 when the sides
// separate, and still p < 0.002 with up to 4 crossed pairs). One repetition could never be judged, and
// 6 measured samples cycled into 8 would tie, which sends the test to its normal approximation
// (p ≥ 0.0024 for 6 vs 8: never significant).
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PerformanceComparison } from '../../src/analysis/regression.js';
import type { GateResult } from '../../src/analysis/types.js';
import type { BaselineCheck } from '../../src/baselines/check-baseline.js';
import type { BaselineFile } from '../../src/baselines/types.js';
import { withGoldenDigest, withScaledTimings } from '../helpers/baseline-edits.js';
import { makeTempDir, runCli } from '../helpers/run-cli.js';

const REPETITIONS = 8;

let dir: string;
let runDir: string;
let saved: BaselineFile;
let afterRun: { stableDigestsFile: boolean; referenceDatabase: boolean };

type GateJson = GateResult & { baseline: string | null; comparisons: BaselineCheck | null };

beforeAll(async () => {
  dir = await makeTempDir('tg-baseline-cli-');
  const matrix = path.join(dir, 'tiny.yaml');
  await writeFile(
    matrix,
    [
      'name: tiny-builtin',
      'target: { kind: builtin, employees: 300, years: 2025-2026, seed: 42 }',
      'threads: [1, 2]',
      'modes: [sequential]',
      `repetitions: ${REPETITIONS}`,
      'warmup: 0',
    ].join('\n'),
  );
  const run = await runCli(['run', matrix, '--out', path.join(dir, 'out'), '--no-baseline', '--quiet', '--json']);
  expect(run.exitCode, `run exit: ${run.stderr}`).toBe(0);
  runDir = (JSON.parse(run.stdout) as { runDir: string }).runDir;
  const exists = (file: string) =>
    access(path.join(runDir, file)).then(
      () => true,
      () => false,
    );
  afterRun = {
    stableDigestsFile: await exists('stable-digests.json'),
    referenceDatabase: await exists('runs/t1-sequential-r1/simulation.duckdb'),
  };
  const save = await runCli(['baseline', 'save', runDir, '--to', path.join(dir, 'b.json')]);
  expect(save.exitCode, `save exit: ${save.stderr}`).toBe(0);
  saved = JSON.parse(await readFile(path.join(dir, 'b.json'), 'utf8')) as BaselineFile;
}, 600_000);

async function gateWith(baseline: BaselineFile, name: string): Promise<{ exitCode: number; result: GateJson }> {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(baseline));
  const gate = await runCli(['gate', runDir, '--baseline', file, '--json']);
  return { exitCode: gate.exitCode, result: JSON.parse(gate.stdout) as GateJson };
}

function reasonOf(result: GateJson, check: string) {
  return result.reasons.find((reason) => reason.check === check);
}

describe('baseline save and gate on the built-in orchestrator', () => {
  it("saves the reference run's digests as golden, and this machine's samples", () => {
    expect(Object.keys(saved.golden?.tables ?? {}).sort(), 'golden tables').toEqual([
      'fct_workforce_snapshot',
      'fct_yearly_events',
    ]);
    expect(saved.golden?.tables['fct_yearly_events']?.rowCount, 'events rows').toBeGreaterThan(0);
    expect(saved.outputKey, 'output key').toBe('builtin employees=300 years=2025-2026 seed=42 scenario=default');
    const machines = Object.values(saved.performance);
    expect(machines.length, 'one machine').toBe(1);
    expect(
      machines[0]?.configurations.map((c) => [c.key, c.samplesMs.length]),
      'samples',
    ).toEqual([
      ['t1-sequential', REPETITIONS],
      ['t2-sequential', REPETITIONS],
    ]);
  });

  it('takes the golden digests from the reference database the run kept, into stable-digests.json, not from the journal', async () => {
    expect(
      afterRun,
      'without a baseline the run took no md5 digest and kept the reference database (keep: failures)',
    ).toEqual({ stableDigestsFile: false, referenceDatabase: true });
    const journal = (await readFile(path.join(runDir, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; stableDigests?: unknown });
    expect(
      journal.filter((record) => record.stableDigests !== undefined),
      'no run is md5-digested between runs',
    ).toEqual([]);
    const file = JSON.parse(await readFile(path.join(runDir, 'stable-digests.json'), 'utf8')) as {
      run: string;
      stableDigests: Record<string, { digest: string; algorithm: string }>;
    };
    expect(file.run, 'the reference run').toBe('t1-sequential-r1');
    expect(file.stableDigests['fct_yearly_events']?.algorithm, 'md5').toBe('md5-v2');
    expect(saved.golden?.tables['fct_yearly_events']?.digest, "golden = the file's").toBe(
      file.stableDigests['fct_yearly_events']?.digest,
    );
  });

  it('passes against the baseline it just saved', async () => {
    const { exitCode, result } = await gateWith(saved, 'same.json');
    expect(exitCode, JSON.stringify(result.reasons)).toBe(0);
    expect(reasonOf(result, 'golden-digests')?.status, 'golden').toBe('pass');
    expect(reasonOf(result, 'performance')?.status, 'performance compared').toBe('pass');
    const comparisons = result.comparisons?.performance as readonly PerformanceComparison[];
    expect(
      comparisons.map((c) => c.verdict),
      'identical samples are unchanged',
    ).toEqual(['unchanged', 'unchanged']);
  });

  it("exits 1 when one table's golden digest was altered, naming that table", async () => {
    const altered = withGoldenDigest(saved, 'fct_workforce_snapshot', 'f'.repeat(32));
    const { exitCode, result } = await gateWith(altered, 'altered.json');
    expect(exitCode, JSON.stringify(result.reasons)).toBe(1);
    expect(reasonOf(result, 'golden-digests')?.message, 'message').toMatch(
      /^fct_workforce_snapshot differs from the golden digests/,
    );
    expect(
      result.comparisons?.golden.tables.map((t) => t.table),
      'only that table',
    ).toEqual(['fct_workforce_snapshot']);
    expect(reasonOf(result, 'determinism')?.status, 'the run itself is deterministic').toBe('pass');
  });

  it("exits 3 when the same machine's baseline was 40% faster than measured", async () => {
    const { exitCode, result } = await gateWith(withScaledTimings(saved, 0.6), 'faster.json');
    const comparisons = result.comparisons?.performance as readonly PerformanceComparison[];
    expect(exitCode, comparisons.map((c) => c.message).join('\n')).toBe(3);
    expect(reasonOf(result, 'performance')?.message, 'message').toMatch(
      /^\d regression\(s\): t\d-sequential: regression: /,
    );
    expect(
      comparisons.every((c) => c.rule === 'rank-test'),
      'judged by the rank test',
    ).toBe(true);
    for (const c of comparisons) expect(c.ratio, `${c.key} ratio`).toBeCloseTo(1 / 0.6, 5);
  });
});

// `threadgate run --search predicted` end to end on the built-in orchestrator (real processes, real
// DuckDB): round 1 runs only the two probes, the prediction drops what it tells apart from the
// predicted best without running it, the rest race, and search.jsonl, report.json, report.md and
// report.html say so. Pure checks on replays where no process is needed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/run-record.js';
import type { ResolvedMatrix, ThreadingMode } from '../../src/matrix/types.js';
import { chooseRecommended } from '../../src/analysis/recommendation.js';
import type { Report } from '../../src/report/types.js';
import { replaySearch } from '../../src/search/replay-search.js';
import type { SearchDecision } from '../../src/search/types.js';
import { makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';
import { buildSearchMatrix, constantTimes, decisionsOf, replayToEnd } from './helpers.js';

async function readLines<T>(file: string): Promise<T[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

const MATRIX_LINES = [
  'target: { kind: builtin, employees: 3000, years: 2025-2026, seed: 3 }',
  'threads: [1, 2, 4]',
  'modes: [selective, aggressive]',
  'repetitions: 3',
  'warmup: 0',
  'reference: { threads: 1, mode: selective }',
  'search: predicted',
  // The default 15% of these 18 runs is the two probes alone: half reaches the race (the budget test below).
  'searchBudget: 50%',
];

interface PlanFile {
  readonly plan: { readonly matrix: ResolvedMatrix };
  readonly hardware: { readonly memoryBytes: number; readonly logicalCores: number };
}

describe('run --search predicted (built-in orchestrator)', () => {
  let dir: string;
  let runDir: string;
  let exitCode: number;
  let records: RunRecord[];
  let decisions: SearchDecision[];
  let report: Report;

  beforeAll(async () => {
    dir = await makeTempDir('tg-predicted-');
    const run = await runMatrixLines(dir, 'predicted', MATRIX_LINES);
    expect(run.stderr, 'no error').not.toContain('error');
    exitCode = run.exitCode;
    runDir = run.runDir;
    records = await readLines<RunRecord>(path.join(runDir, 'journal.jsonl'));
    decisions = await readLines<SearchDecision>(path.join(runDir, 'search.jsonl'));
    report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
  }, 300_000);

  const readPlan = async (): Promise<PlanFile> =>
    JSON.parse(await readFile(path.join(runDir, 'plan.json'), 'utf8')) as PlanFile;

  /** The search replayed from the run's journal on its machine; with `budget`, as if the matrix had asked for it. */
  async function replayRun(budget?: { runs: number }): Promise<ReturnType<typeof replaySearch>> {
    const { plan, hardware } = await readPlan();
    const matrix: ResolvedMatrix =
      budget === undefined ? plan.matrix : { ...plan.matrix, search: { strategy: 'predicted', budget } };
    return replaySearch(matrix, records, { memoryBytes: hardware.memoryBytes, cores: hardware.logicalCores });
  }

  it('runs only the reference and the largest other thread count first, then predicts every configuration from them', () => {
    expect(exitCode, 'exit code').toBe(0);
    const rounds = decisions.filter((d): d is Extract<SearchDecision, { kind: 'round' }> => d.kind === 'round');
    expect([...rounds[0]!.runs].sort(), 'round 1: the probes').toEqual(['t1-selective-r1', 't4-selective-r1']);
    const predict = decisions.find((d): d is Extract<SearchDecision, { kind: 'predict' }> => d.kind === 'predict');
    expect(predict, 'a predict decision').toBeDefined();
    expect(predict!.round).toBe(1);
    expect([...predict!.calibration!.fittedOn].sort(), 'calibrated on the probes').toEqual([
      't1-selective',
      't4-selective',
    ]);
    expect(predict!.predictions.map((p) => p.config).sort(), 'every configuration predicted').toEqual([
      't1-aggressive',
      't1-selective',
      't2-aggressive',
      't2-selective',
      't4-aggressive',
      't4-selective',
    ]);
    for (const p of predict!.predictions) expect(p.predictedMs, p.config).toBeGreaterThan(0);
    expect(predict!.contenders, 'the probes stay').toEqual(expect.arrayContaining(['t1-selective', 't4-selective']));
  });

  it('never runs a configuration the prediction dropped, and the journal replays to search.jsonl', async () => {
    const ran = new Set(records.map((r) => `t${r.threads}-${r.mode}`));
    const drops = decisions.filter((d): d is Extract<SearchDecision, { kind: 'drop' }> => d.kind === 'drop');
    for (const drop of drops.filter((d) => d.reason === 'predicted')) {
      expect(drop.samples, drop.config).toBe(0);
      expect(ran.has(drop.config), `${drop.config} was not run`).toBe(false);
      expect(drop.detail).toMatch(/^predicted .* slower than the predicted best/);
    }
    const predict = decisions.find((d): d is Extract<SearchDecision, { kind: 'predict' }> => d.kind === 'predict')!;
    const stop = decisions.at(-1) as Extract<SearchDecision, { kind: 'stop' }>;
    for (const config of predict.contenders)
      if (!ran.has(config))
        expect(stop.detail, `contender ${config}: measured, or named unmeasured when the budget stopped`).toMatch(
          new RegExp(`not yet measured, though predicted within reach of the best: .*\\b${config}\\b`),
        );
    const replayed = await replayRun();
    expect(replayed.decisions, 'search.jsonl is the replay of the journal').toEqual(decisions);
    expect(decisions.at(-1)?.kind, 'ends with a stop').toBe('stop');
  });

  it('holds a budget of only the probes: the contenders stay unmeasured, and the stop names them', async () => {
    const replayed = await replayRun({ runs: 2 });
    expect([replayed.finished, replayed.plannedRuns], 'finished on the two probes').toEqual([true, 2]);
    const predict = replayed.decisions.find(
      (d): d is Extract<SearchDecision, { kind: 'predict' }> => d.kind === 'predict',
    )!;
    const unmeasured = predict.contenders.filter((c) => c !== 't1-selective' && c !== 't4-selective');
    const stop = replayed.decisions.at(-1) as Extract<SearchDecision, { kind: 'stop' }>;
    expect(stop.reason, 'stopped by the budget').toBe('budget');
    for (const config of unmeasured) {
      expect(stop.detail, `${config} named`).toMatch(
        new RegExp(`not yet measured, though predicted within reach of the best: .*\\b${config}\\b`),
      );
      expect(replayed.fates.find((f) => f.config === config)?.detail, `${config}: its fate`).toMatch(
        /^in the race but never measured: the budget of 2 runs ran out first \(predicted [\d.]+ m?s\)$/,
      );
    }
    if (unmeasured.length > 0)
      expect(predict.detail, 'the prediction says the budget leaves them unmeasured').toContain(
        'the budget of 2 runs (2 used) measures 0 of them next',
      );
  });

  it('spends a budget of one run past the probes on the most telling contender', async () => {
    const replayed = await replayRun({ runs: 3 });
    const { matrix } = (await readPlan()).plan;
    const predict = replayed.decisions.find(
      (d): d is Extract<SearchDecision, { kind: 'predict' }> => d.kind === 'predict',
    )!;
    const probes = ['t1-selective', 't4-selective'];
    const predictedMs = new Map(predict.predictions.map((p) => [p.config, p.predictedMs]));
    const ranked = predict.contenders.map((key) => {
      const [, threads, mode] = /^t(\d+)-(\w+)$/.exec(key)!;
      return { key, threads: Number(threads), mode: mode as ThreadingMode, medianMs: predictedMs.get(key)! };
    });
    const best = ranked.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
    const recommended = chooseRecommended(ranked, best, matrix.recommendation.tolerance).config;
    // The rule's pick on the predicted times, else the predicted best, else the fastest predicted.
    const unmeasured = ranked.filter((c) => !probes.includes(c.key)).sort((a, b) => a.medianMs - b.medianMs);
    const expected = [recommended, best, ...unmeasured].find((c) => !probes.includes(c.key));
    const rounds = replayed.decisions.filter(
      (d): d is Extract<SearchDecision, { kind: 'round' }> => d.kind === 'round',
    );
    expect(rounds[1]?.runs, 'round 2: one run, the most telling').toEqual(
      expected ? [`${expected.key}-r1`] : undefined,
    );
  });

  it('reports the search as predicted, with fewer runs than the exhaustive plan, and a recommendation', async () => {
    expect(report.search?.strategy).toBe('predicted');
    expect(report.search?.finished).toBe(true);
    expect(report.search?.exhaustiveRuns).toBe(6 * 3);
    expect(report.search?.runsUsed).toBe(records.length);
    expect(records.length, 'fewer runs than exhaustive').toBeLessThan(18);
    expect(report.recommendation, 'a recommendation').not.toBeNull();
    const markdown = await readFile(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown).toContain('## Predicted search');
    expect(markdown).toMatch(
      /After round 1: the reference run's schedule, calibrated on t1-selective and t4-selective/,
    );
    const html = await readFile(path.join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Predicted search</h2>');
  });

  it('--dry-run names the probes; --shard is refused for a search', async () => {
    const matrix = path.join(dir, 'predicted.yaml');
    const dry = await runCli(['run', matrix, '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('plan: predicted search: round 1 runs t1-selective and t4-selective once');
    const shard = await runCli(['run', matrix, '--shard', '1/2', '--dry-run']);
    expect(shard.exitCode).toBe(2);
    expect(shard.stderr).toContain('--shard: a search (predicted) cannot be split into shards');
  });
});

describe('search: predicted without schedules', () => {
  it('measures every configuration, as an adaptive search would, and says why', () => {
    const matrix: ResolvedMatrix = {
      ...buildSearchMatrix([1, 2, 4], { repetitions: 3 }),
      search: { strategy: 'predicted', budget: { fraction: 1 } },
    };
    const { state, records } = replayToEnd(
      matrix,
      constantTimes({ 't1-aggressive': 1000, 't2-aggressive': 600, 't4-aggressive': 900 }),
    );
    const [predict] = decisionsOf(state, 'predict');
    expect(predict?.calibration, 'nothing to calibrate').toBeNull();
    expect(predict?.detail).toContain('no prediction: the reference run has no schedule');
    expect(new Set(records.map((r) => r.threads)), 'every thread count measured').toEqual(new Set([1, 2, 4]));
    const rounds = decisionsOf(state, 'round');
    expect(rounds[0]?.runs, 'round 1: the probes').toEqual(['t1-aggressive-r1', 't4-aggressive-r1']);
    expect(rounds[1]?.runs, 'round 2: only what is not yet measured').toEqual(['t2-aggressive-r1']);
    expect(decisionsOf(state, 'stop')[0]?.recommended).toBe('t2-aggressive');
  });
});

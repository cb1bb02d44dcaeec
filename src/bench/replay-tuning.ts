// Replays a tuning case for `npm run bench:search`: a search, adaptive or predicted (asking it for each
// round's runs, as run-search.ts does), and the exhaustive plan, each judged by the report's own rule.
import { judgeDeterminism } from '../analysis/determinism.js';
import { summarizePerformance } from '../analysis/performance.js';
import { recommendThreads } from '../analysis/recommendation.js';
import { expandPlan } from '../matrix/plan.js';
import { configKey, type PlannedRun, type ResolvedMatrix } from '../matrix/types.js';
import type { HardwareFingerprint } from '../monitor/types.js';
import type { RunRecord } from '../core/run-record.js';
import { replaySearch } from '../search/replay-search.js';
import { defaultBudgetFor, parseSearchBudget } from '../matrix/search-settings.js';
import type { CompactSchedule } from '../schedules/types.js';
import type { SearchState } from '../search/types.js';
import type { TuningCase } from './synthetic-tuning.js';

const HARDWARE: HardwareFingerprint = {
  id: 'bench',
  cpuModel: 'bench',
  physicalCores: 16,
  logicalCores: 16,
  memoryBytes: 2 ** 40,
  os: 'bench',
  arch: 'x64',
  hostname: 'bench',
  nodeVersion: process.version,
  duckdbVersion: 'bench',
};

/** A journal record of a run that took `wallMs` (or failed when there is no sample for it). */
export function buildRecord(run: PlannedRun, wallMs: number | null, schedule?: CompactSchedule | null): RunRecord {
  return {
    ...(schedule ? { schedule } : {}),
    id: run.id,
    threads: run.threads,
    mode: run.mode,
    rep: run.rep,
    warmup: run.warmup,
    status: wallMs === null ? 'failed' : 'ok',
    exitCode: wallMs === null ? 1 : 0,
    signal: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    wallMs: wallMs ?? 0,
    cpuMs: 0,
    peakRssBytes: 0,
    meanCores: 0,
    peakCores: 0,
    // Every run of a case produces the same output: the search is judged on timing alone.
    digests: wallMs === null ? null : {},
    digestError: null,
    database: null,
    stdoutTail: '',
    stderrTail: '',
    stages: [],
    error: wallMs === null ? 'no recorded sample' : null,
  };
}

/** The report's recommendation key (`t2-aggressive`) for these records, or null when there is none. */
export function recommendKey(matrix: ResolvedMatrix, records: readonly RunRecord[]): string | null {
  const result = recommendThreads({
    performance: summarizePerformance(records, { resamples: 10_000 }),
    determinism: judgeDeterminism(records, matrix.reference),
    matrix,
    hardware: HARDWARE,
    target: { kind: 'bench', version: '0' },
    now: '2026-01-01T00:00:00.000Z',
  });
  return 'recommendation' in result
    ? configKey({ threads: result.recommendation.thread_count, mode: result.recommendation.mode })
    : null;
}

function sampleRun(tuning: TuningCase, run: PlannedRun, offset: number): number | null {
  // A warmup's time is discarded: any plausible value does.
  return tuning.sample(run, run.warmup ? 1 : run.rep + offset);
}

/** A search over a case (the case's matrix with `strategy`): its final state and records. */
export function replayStrategy(
  tuning: TuningCase,
  strategy: 'adaptive' | 'predicted',
  budget: string | number | null,
): { state: SearchState; records: RunRecord[] } {
  const matrix: ResolvedMatrix = {
    ...tuning.matrix,
    search: { strategy, budget: parseSearchBudget(budget ?? defaultBudgetFor(strategy)) },
  };
  const records: RunRecord[] = [];
  for (;;) {
    const state = replaySearch(matrix, records, { memoryBytes: null, cores: tuning.cores ?? 16 });
    if (state.finished) return { state, records };
    for (const run of state.pending)
      records.push(buildRecord(run, sampleRun(tuning, run, 0), run.warmup ? null : tuning.schedule?.(run, run.rep)));
  }
}

/** The exhaustive plan over a case; `offset` shifts to other draws (a second exhaustive run). */
export function replayExhaustive(tuning: TuningCase, offset = 0): RunRecord[] {
  const matrix: ResolvedMatrix = {
    ...tuning.matrix,
    order: 'interleaved',
    search: { strategy: 'exhaustive', budget: { fraction: 1 } },
  };
  return expandPlan(matrix).runs.map((run) => buildRecord(run, sampleRun(tuning, run, offset)));
}

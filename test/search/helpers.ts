// Builds adaptive-search matrices and replays a search over given wall times, as run-search.ts
// would run it, without spawning anything.
import { resolveMatrix } from '../../src/matrix/load-matrix.js';
import { configKey, type Configuration, type ResolvedMatrix, type ThreadingMode } from '../../src/matrix/types.js';
import { buildRecord } from '../../src/bench/replay-tuning.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { replaySearch } from '../../src/search/replay-search.js';
import type { SearchDecision, SearchState } from '../../src/search/types.js';

/** An adaptive matrix over one mode, no warmup unless asked. */
export function buildSearchMatrix(
  threads: number[],
  options: { modes?: ThreadingMode[]; repetitions?: number; warmup?: number; budget?: string | number } = {},
): ResolvedMatrix {
  const modes = options.modes ?? ['aggressive'];
  return resolveMatrix(
    {
      name: 'search-test',
      target: { kind: 'builtin' },
      threads,
      modes,
      repetitions: options.repetitions ?? 5,
      warmup: options.warmup ?? 0,
      reference: { threads: threads[0], mode: modes[0] },
      recommendation: { tolerance: 0.05, memoryBudget: null },
      search: 'adaptive',
      searchBudget: options.budget ?? '100%',
    },
    null,
  );
}

/** Wall time of a configuration's k-th timed run (null: the run fails). */
export type TimeOf = (config: Configuration, k: number) => number | null;

/**
 * Runs the search to its end over `timeOf`; returns its final state and the journal it made. With
 * `memory`, runs peak at `peakRssBytes(config)` on a machine of `machineBytes`.
 */
export function replayToEnd(
  matrix: ResolvedMatrix,
  timeOf: TimeOf,
  memory?: { machineBytes: number; peakRssBytes: (config: Configuration) => number },
): { state: SearchState; records: RunRecord[] } {
  const records: RunRecord[] = [];
  for (let guard = 0; guard < 100; guard += 1) {
    const state = replaySearch(matrix, records, { memoryBytes: memory?.machineBytes ?? null, cores: 2 });
    if (state.finished) return { state, records };
    for (const run of state.pending) {
      records.push({
        ...buildRecord(run, run.warmup ? 1000 : timeOf(run, run.rep)),
        peakRssBytes: memory?.peakRssBytes(run) ?? 0,
      });
    }
  }
  throw new Error('the search did not finish in 100 rounds');
}

/** The decisions of one kind, typed. */
export function decisionsOf<K extends SearchDecision['kind']>(
  state: SearchState,
  kind: K,
): Extract<SearchDecision, { kind: K }>[] {
  return state.decisions.filter((d): d is Extract<SearchDecision, { kind: K }> => d.kind === kind);
}

/** Constant wall times by configuration key. */
export function constantTimes(times: Record<string, number>): TimeOf {
  return (config) => times[configKey(config)] ?? null;
}

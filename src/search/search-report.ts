// report.json `search`: how an adaptive or predicted search went, replayed from the run's records (pure).
import type { ResolvedMatrix } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import { plansRounds, replaySearch, type SearchMachine } from './replay-search.js';
import type { SearchReport } from './types.js';

/** The search section of a report, with the runs the search still has to do; null for an exhaustive plan. */
export function summarizeSearch(
  matrix: ResolvedMatrix,
  records: readonly RunRecord[],
  machine: SearchMachine,
): { search: SearchReport; pendingRuns: number } | null {
  if (!plansRounds(matrix)) return null;
  const state = replaySearch(matrix, records, machine);
  const last = state.decisions.at(-1);
  const runsUsed = state.plannedRuns - state.pending.length;
  return {
    pendingRuns: state.pending.length,
    search: {
      strategy: matrix.search!.strategy === 'predicted' ? 'predicted' : 'adaptive',
      finished: state.finished,
      stop: last?.kind === 'stop' ? last : null,
      rounds: state.rounds,
      runsUsed,
      budgetRuns: state.budgetRuns,
      exhaustiveRuns: state.exhaustiveRuns,
      fractionOfExhaustive: runsUsed / state.exhaustiveRuns,
      configurations: state.fates,
      decisions: state.decisions,
    },
  };
}

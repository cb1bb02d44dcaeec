// The adaptive and the predicted search as a pure function of the journal: replays round after round
// from the records (each round's runs are known from the decisions before it), and returns the
// decisions so far and the runs still to do. The loop that runs things (run-search.ts) and `--resume` both call it, so a
// resumed search takes exactly the decisions the interrupted one took.
import { resolveMemoryBudget } from '../analysis/recommendation.js';
import { listConfigurations } from '../matrix/plan.js';
import { configKey, type ResolvedMatrix } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import { decideAfterRound } from './decide-round.js';
import { describeFates } from './search-fates.js';
import { parseSearchBudget, SEARCH_DEFAULTS } from '../matrix/search-settings.js';
import { chooseProbes, pruneByPrediction } from './predicted-probe.js';
import { createRace, planRound, recordRound } from './race.js';
import type { SearchDecision, SearchSettings, SearchState } from './types.js';

/** The exhaustive plan's run count and the budget in runs (at least the warmup and one run of every configuration). */
export function computeBudget(
  matrix: ResolvedMatrix,
  budget: SearchSettings['budget'],
): { exhaustiveRuns: number; budgetRuns: number } {
  const configurations = listConfigurations(matrix).length;
  const exhaustiveRuns = configurations * (matrix.warmup + matrix.repetitions);
  // Round 1 always runs: every configuration (adaptive) or the probes (predicted).
  const firstRound = matrix.search?.strategy === 'predicted' ? chooseProbes(matrix).length : configurations;
  const firstRounds = firstRound + (matrix.warmup > 0 ? 1 : 0);
  const asked = 'runs' in budget ? budget.runs : Math.floor(budget.fraction * exhaustiveRuns);
  return { exhaustiveRuns, budgetRuns: Math.max(asked, firstRounds) };
}

/** The dry run's line for an adaptive or predicted search (null for an exhaustive plan). */
export function describeSearchPlan(matrix: ResolvedMatrix): string | null {
  if (!plansRounds(matrix)) return null;
  const { exhaustiveRuns, budgetRuns } = computeBudget(matrix, matrix.search!.budget);
  const configurations = listConfigurations(matrix).length;
  const warmup = matrix.warmup > 0 ? '1 warmup, then ' : '';
  const limit = `at most ${budgetRuns} of the exhaustive plan's ${exhaustiveRuns} runs`;
  if (matrix.search!.strategy === 'predicted') {
    const probes = chooseProbes(matrix).map(configKey).join(' and ');
    return `plan: predicted search: ${warmup}round 1 runs ${probes} once, the schedule prediction drops what it can tell from the predicted best, later rounds race the rest of ${configurations} configurations; ${limit}`;
  }
  return `plan: adaptive search: ${warmup}round 1 runs each of ${configurations} configurations once, later rounds only the contenders; ${limit}`;
}

/** True when the matrix asks for a search that plans its runs round by round (adaptive or predicted). */
export function plansRounds(matrix: ResolvedMatrix): boolean {
  const strategy = matrix.search?.strategy;
  return strategy === 'adaptive' || strategy === 'predicted';
}

/** The machine the records were measured on (plan.json's hardware), as far as the search reads it. */
export interface SearchMachine {
  /** Its memory, which a fractional memory budget is a share of; null leaves the budget out. */
  readonly memoryBytes: number | null;
  /** Its logical cores, which a predicted search's schedule replays run on. */
  readonly cores: number;
}

/** Replays the search over `records` (journal order); records the search did not plan are ignored. */
export function replaySearch(
  matrix: ResolvedMatrix,
  records: readonly RunRecord[],
  machine: SearchMachine = { memoryBytes: null, cores: 1 },
): SearchState {
  const { exhaustiveRuns, budgetRuns } = computeBudget(
    matrix,
    matrix.search?.budget ?? parseSearchBudget(SEARCH_DEFAULTS.budget),
  );
  const { memoryBytes } = machine;
  const race = createRace(matrix, budgetRuns, memoryBytes === null ? null : resolveMemoryBudget(matrix, memoryBytes));
  const predicted = matrix.search?.strategy === 'predicted';
  const usable = selectSearchRecords(records);
  const position = new Map<string, number>();
  usable.forEach((record, index) => {
    if (!position.has(record.id)) position.set(record.id, index);
  });
  const finish = (round: number, pending: SearchState['pending'], finished: boolean): SearchState => ({
    decisions: race.decisions,
    pending,
    finished,
    rounds: round,
    budgetRuns,
    exhaustiveRuns,
    plannedRuns: race.plannedRuns,
    fates: describeFates(race, finished),
  });
  for (let round = matrix.warmup > 0 ? 0 : 1; ; round += 1) {
    if (predicted && round === 1) race.questioned = new Set(chooseProbes(matrix).map(configKey));
    const runs = planRound(race, round);
    race.plannedRuns += runs.length;
    race.decisions.push({ kind: 'round', round, runs: runs.map((run) => run.id) });
    const missing = runs.filter((run) => !position.has(run.id));
    if (missing.length > 0) return finish(round, missing, false);
    const finishedRecords = runs
      .map((run) => usable[position.get(run.id)!]!)
      .sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    recordRound(race, round, finishedRecords);
    if (round === 0) continue;
    // The probe round decides nothing yet: the prediction chooses which configurations are measured next.
    if (predicted && round === 1 && pruneByPrediction(race, round, machine.cores)) continue;
    const stop = decideAfterRound(race, round);
    if (stop) {
      const decision: SearchDecision = { kind: 'stop', round, ...stop };
      race.decisions.push(decision);
      return finish(round, [], true);
    }
  }
}

/** True for a run id an adaptive search could plan (to tell its records from stray lines). */
export function isSearchRunId(id: string): boolean {
  return /^t\d{1,2}-(sequential|selective|aggressive)-[rw]\d+$/.test(id);
}

/** The records a search counts: its own, minus noisy samples superseded by a re-run. */
export function selectSearchRecords(records: readonly RunRecord[]): RunRecord[] {
  return records.filter((record) => !record.superseded && isSearchRunId(record.id));
}

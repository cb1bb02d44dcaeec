// The adaptive search's settings and its decisions: plain data, written to search.jsonl line by line
// and carried by report.json as they are.
import type { Configuration, PlannedRun } from '../matrix/types.js';
import type { ContentionModel } from '../simulate-schedule/types.js';

export type { SearchSettings, SearchStrategy } from '../matrix/types.js';

/**
 * Why a configuration left the race (`memory`: its peak memory exceeded the matrix's memory budget;
 * `predicted`: a predicted search's prediction tells it apart from the predicted best).
 */
export type DropReason = 'slower' | 'failed' | 'diverged' | 'memory' | 'predicted';

/** Why the search stopped. */
export type StopReason = 'decided' | 'budget' | 'complete' | 'no-contenders';

/** A paired comparison with the best: the geometric mean of the per-round ratios and its one-sided bound. */
export interface PairedRatio {
  /** Rounds in which both ran. */
  readonly pairs: number;
  /** exp(mean of ln(this / best)) over those rounds. */
  readonly ratio: number;
  /** One-sided lower and upper confidence bounds of that ratio (level SEARCH_LIMITS.confidence). */
  readonly low: number;
  readonly high: number;
}

/** One decision of the search: a line of search.jsonl. */
export type SearchDecision =
  | { readonly kind: 'round'; readonly round: number; readonly runs: readonly string[] }
  | {
      readonly kind: 'drop';
      readonly round: number;
      readonly config: string;
      readonly threads: number;
      readonly mode: Configuration['mode'];
      readonly reason: DropReason;
      readonly samples: number;
      readonly against: string | null;
      readonly paired: PairedRatio | null;
      readonly detail: string;
    }
  | {
      readonly kind: 'revive';
      readonly round: number;
      readonly config: string;
      readonly detail: string;
    }
  | {
      readonly kind: 'add';
      readonly round: number;
      readonly config: string;
      readonly threads: number;
      readonly mode: Configuration['mode'];
      readonly model: {
        readonly sigma: number;
        readonly kappa: number;
        readonly r2: number;
        readonly predictedSpeedup: number;
      };
      readonly detail: string;
    }
  | {
      readonly kind: 'predict';
      readonly round: number;
      /** The contention model calibrated on the probes (null: nothing to predict from). */
      readonly calibration: (ContentionModel & { readonly fittedOn: readonly string[] }) | null;
      /** Every live configuration's predicted wall time. */
      readonly predictions: readonly { readonly config: string; readonly predictedMs: number }[];
      /** The configurations left in the race. */
      readonly contenders: readonly string[];
      readonly detail: string;
    }
  | {
      readonly kind: 'stop';
      readonly round: number;
      readonly reason: StopReason;
      readonly recommended: string | null;
      readonly detail: string;
    };

/** What became of one configuration, for the report. */
export interface ConfigurationFate {
  readonly config: string;
  readonly threads: number;
  readonly mode: Configuration['mode'];
  /** Timed runs it had (warmups not counted). */
  readonly samples: number;
  readonly fate: 'recommended' | 'best' | 'kept' | 'dropped' | 'unfinished';
  /** Round after which it was dropped, or null. */
  readonly droppedAfterRound: number | null;
  /** Round after which the model added it (not in the matrix's list), or null. */
  readonly addedAfterRound: number | null;
  readonly detail: string;
}

/** The state a replay of the records reaches: decisions so far and what to run next. */
export interface SearchState {
  readonly decisions: readonly SearchDecision[];
  /** Runs of the round in progress not yet journaled (empty once finished). */
  readonly pending: readonly PlannedRun[];
  readonly finished: boolean;
  /** Rounds started (the warmup round, when there is one, is round 0). */
  readonly rounds: number;
  readonly budgetRuns: number;
  readonly exhaustiveRuns: number;
  /** Runs planned so far (journaled or pending). */
  readonly plannedRuns: number;
  readonly fates: readonly ConfigurationFate[];
}

/** report.json `search`: how an adaptive or predicted search went. */
export interface SearchReport {
  readonly strategy: 'adaptive' | 'predicted';
  readonly finished: boolean;
  readonly stop: Extract<SearchDecision, { kind: 'stop' }> | null;
  readonly rounds: number;
  readonly runsUsed: number;
  readonly budgetRuns: number;
  readonly exhaustiveRuns: number;
  readonly fractionOfExhaustive: number;
  readonly configurations: readonly ConfigurationFate[];
  readonly decisions: readonly SearchDecision[];
}

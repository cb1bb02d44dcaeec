// The shapes the schedule simulator speaks: a replayable plan of tasks (work in milliseconds at
// one thread alone, dependencies, what kind of task it is), the machine it is replayed on, and the
// contention model that turns "k tasks beside each other on C cores with T threads" into speed.

/** What a task is to the scheduling rules. */
export type SimTaskKind = 'model' | 'writer' | 'start-up';

/** One task of a replayable plan. */
export interface SimTask {
  readonly name: string;
  readonly year: number | null;
  /** The orchestrator's class (SEQUENTIAL, PARALLEL_SAFE, CONDITIONAL), or null. */
  readonly modelClass: string | null;
  readonly kind: SimTaskKind;
  /** Its duration alone on one thread and one core (the reference run's, normalized). */
  readonly workMs: number;
  /** Indices of the tasks that must finish before it may start. */
  readonly dependsOn: readonly number[];
  /**
   * Ready-order priority, lower first (the built-in engine: longest chain of dependants first,
   * then declaration order; dbt: the order it was seen to start).
   */
  readonly priority: number;
}

/** The rules a plan is replayed under. */
export type SchedulingRules =
  | { readonly kind: 'builtin'; readonly mode: 'sequential' | 'selective' | 'aggressive' }
  | { readonly kind: 'dbt' };

/** A plan to replay: tasks and the rules that decide what may start beside what. */
export interface SimPlan {
  readonly tasks: readonly SimTask[];
  readonly rules: SchedulingRules;
  /** How many connections a writer alone may use (the built-in writer's parallel appends). */
  readonly writerWidth?: number;
}

/**
 * The contention model (calibrated from measured runs): a task running with k others on T threads
 * and C cores gets r = min(max(1, T/k), C/k) cores' worth of threads (DuckDB's threads follow T
 * less the queries beside the first: duckdb-threads.ts), runs at 1 + parallelGain × (r − 1) when
 * r ≥ 1 and r when below, divided by 1 + interference × (k − 1) + oversubscription × max(0, T − C).
 */
export interface ContentionModel {
  /** Fraction of an extra core a lone model turns into speed (0 none, 1 linear). */
  readonly parallelGain: number;
  /** Slowdown per other task running beside it (memory bandwidth, locks, allocator). */
  readonly interference: number;
  /** Slowdown per thread beyond the cores (DuckDB's workers spinning for a core). */
  readonly oversubscription: number;
  /** Fixed time outside the schedule (process start, instance creation, final checkpoint). */
  readonly overheadMs: number;
  /**
   * Cores the measured runs really had (the machine's less what other work took; calibrated): the
   * predictions for the machine measured on use it, those for `--predict-cores N` assume N quiet cores.
   */
  readonly availableCores?: number;
}

/** One replay: when each task ran and the makespan. */
export interface Replay {
  readonly makespanMs: number;
  readonly startMs: Float64Array;
  readonly finishMs: Float64Array;
}

/** The machine and configuration a plan is replayed on. */
export interface ReplayTarget {
  readonly threads: number;
  readonly cores: number;
  /** The engine's own threads (PlanAlign's DuckDB runs with 16 whatever dbt's count); the thread count when absent. */
  readonly engineThreads?: number;
}

// The resolved matrix and its plan: the shapes every later stage (runner, analysis, report) reads.

export { THREADING_MODES, MIN_THREADS, MAX_THREADS } from '../core/configuration.js';
export type { ThreadingMode, Configuration } from '../core/configuration.js';
import type { Configuration, ThreadingMode } from '../core/configuration.js';
/**
 * `exhaustive`: every configuration × (warmup + repetitions); `adaptive`: racing rounds (src/search);
 * `predicted`: the reference and one other thread count, then the race among those the schedule
 * simulator's prediction cannot tell from the predicted best.
 */
export type SearchStrategy = 'exhaustive' | 'adaptive' | 'predicted';

/** `search` and `searchBudget` of a matrix, resolved. */
export interface SearchSettings {
  readonly strategy: SearchStrategy;
  /** Most runs an adaptive or predicted search may use: a fraction of the exhaustive plan's runs, or a count. */
  readonly budget: { readonly fraction: number } | { readonly runs: number };
}

/** How a table is digested and compared. */
export interface TableSpec {
  /** Columns left out of every digest (wall-clock columns). */
  readonly exempt: readonly string[];
  /** Columns whose values split the table into groups, each digested on its own. */
  readonly groupBy: readonly string[];
  /** Opt-in rounding per DOUBLE column (decimal places) before hashing; accepts last-bit drift. */
  readonly round: Readonly<Record<string, number>>;
  /** Floating-point differences that reassociation explains, within this, count as equal; absent: strict. */
  readonly float?: FloatTolerance;
}

/** A tolerance for floating-point reassociation: a relative distance, or units in the last place. */
export type FloatTolerance = { readonly relative: number } | { readonly ulps: number };

/** A command target's lineage: a JSON file (absolute path) or a table of the run database. */
export type DagSpec = { readonly file: string } | { readonly table: string };

export interface YearRange {
  readonly start: number;
  readonly end: number;
}

export interface BuiltinTargetSpec {
  readonly kind: 'builtin';
  readonly employees: number;
  readonly years: YearRange;
  readonly seed: number;
  readonly scenarioId: string;
}

/** Where a PlanAlign run's census comes from: its config's own, a file, or one threadgate makes. */
export type CensusSource =
  | { readonly kind: 'config' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'generated'; readonly employees: number };

export interface PlanalignTargetSpec {
  readonly kind: 'planalign';
  /** The PlanAlign checkout (absolute path). */
  readonly checkout: string;
  /** The census every run reads (`setup.census_parquet_path` in the run's config overlay). */
  readonly census: CensusSource;
  /** Its simulation config, relative to the checkout. */
  readonly config: string;
  /** Python interpreter to run it with. */
  readonly python: string;
  readonly years: YearRange;
  readonly seed: number;
  readonly env: Readonly<Record<string, string>>;
}

export interface CommandTargetSpec {
  readonly kind: 'command';
  /** Argument vector with placeholders; never a shell string. */
  readonly command: readonly string[];
  /** Working directory (absolute path). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly seed: number;
  /** Where each run's per-model schedule is read from (src/schedules); absent: none. */
  readonly schedule?: ScheduleSpec;
  /** Which relation is computed from which (src/lineage); absent: root causes cannot be walked. */
  readonly dag?: DagSpec;
}

/** A command target's schedule: a table of the run database, or a JSON-lines file (path with placeholders). */
export type ScheduleSpec = { readonly table: string } | { readonly file: string };

export type TargetSpec = BuiltinTargetSpec | PlanalignTargetSpec | CommandTargetSpec;

export type RunOrder = 'interleaved' | 'grouped';
export type KeepPolicy = 'failures' | 'all' | 'none';

/** A matrix file after validation, defaults and command-line overrides: readonly from here on. */
export interface ResolvedMatrix {
  readonly name: string;
  /** Absolute path of the file it came from, or null when built in code. */
  readonly source: string | null;
  readonly target: TargetSpec;
  readonly threads: readonly number[];
  readonly modes: readonly ThreadingMode[];
  readonly repetitions: number;
  readonly warmup: number;
  readonly order: RunOrder;
  /** Seed of the interleaved order's shuffle. */
  readonly orderSeed: number;
  readonly timeoutMs: number;
  readonly reference: Configuration;
  readonly tables: Readonly<Record<string, TableSpec>>;
  readonly recommendation: {
    /** Relative slowdown against the best median still counted as "as fast" (0.05 = 5%). */
    readonly tolerance: number;
    /** Memory budget as a fraction of total memory (0.8) or absolute bytes; null = no budget. */
    readonly memoryBudget: { readonly fraction: number } | { readonly bytes: number } | null;
  };
  readonly keep: KeepPolicy;
  /** Timeline sampling interval. */
  readonly sampleIntervalMs: number;
  /** Relative slowdown that counts as a regression when also significant (0.10 = 10%). */
  readonly regressionThreshold: number;
  /** Memory held by a helper for the whole matrix; null or absent (plans written before) = none. */
  readonly stress?: StressSettings | null;
  /** Noisy-machine detection; absent in plans written before it (the defaults then apply). */
  readonly noise?: NoiseSettings;
  /** How configurations are searched (src/search); absent (older plan files) = exhaustive. */
  readonly search?: SearchSettings;
}

/** Memory stress: how much a helper holds, and optionally the memory cgroup runs are confined to. */
export interface StressSettings {
  /** A share of the machine's memory (of `limitBytes` when set), or an absolute amount. */
  readonly memory: { readonly fraction: number } | { readonly bytes: number };
  /** Size of the memory cgroup holding the helper and every run, so OOM kills stay inside it; null = machine-wide. */
  readonly limitBytes: number | null;
}

/** When a run counts as noisy, and how often a noisy timed run is re-run. */
export interface NoiseSettings {
  /** Cores of other work (outside the run's tree, steal included) above which a run is noisy. */
  readonly thresholdCores: number;
  /** Re-runs of a noisy timed run, at most. */
  readonly rerun: number;
}

/** One process launch of the plan. */
export interface PlannedRun {
  /** Stable, filesystem-safe id, e.g. `t4-selective-r2` or `t4-selective-w1`. */
  readonly id: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  /** Repetition number, 1-based within timed runs or within warmup runs. */
  readonly rep: number;
  readonly warmup: boolean;
}

export interface Plan {
  readonly matrix: ResolvedMatrix;
  /** In execution order. */
  readonly runs: readonly PlannedRun[];
  /** `K/N` when this plan is one shard of a larger one. */
  readonly shard: { readonly index: number; readonly count: number } | null;
}

/** Key of a configuration, used in maps and ids: `t4-selective`. */
export function configKey(config: Configuration): string {
  return `t${config.threads}-${config.mode}`;
}

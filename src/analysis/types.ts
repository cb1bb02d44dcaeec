// Outputs of the pure analysis stage: statistics, scaling model, determinism verdict,
// recommendation and gate. Plain data, so every exporter can serialize them as they are.
import type { SchemaChange } from '../digest/schema.js';
import type { SampleRow } from '../digest/types.js';
import type { ThreadingMode } from '../matrix/types.js';
import type { Estimate } from '../core/estimate.js';
import type { ScalingModel } from '../core/recommendation-record.js';

export type { Estimate } from '../core/estimate.js';

/** Statistics of the timed, successful runs of one configuration. */
export interface ConfigurationStats {
  readonly key: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  /** Raw wall times of timed ok runs, in run order (kept so others can re-analyse). */
  readonly samplesMs: readonly number[];
  readonly n: number;
  readonly failedRuns: number;
  readonly medianMs: number;
  readonly madMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Seeded bootstrap 95% interval of the median. */
  readonly medianCi: Estimate;
  /** Indices into samplesMs flagged by the modified z-score (|x - median| / MAD-based > 3.5). */
  readonly outliers: readonly number[];
  /** Against the 1-thread configuration of the same mode (null when that was not measured). */
  readonly speedup: Estimate | null;
  readonly efficiency: Estimate | null;
  readonly peakRssBytes: number;
  readonly meanCores: number;
  readonly cpuMs: number;
  /** Timed samples measured while other work beside the run exceeded the noise threshold. */
  readonly noisySamples?: number;
  /** Runs (warmups included) the kernel's OOM killer ended; they are among failedRuns too. */
  readonly oomRuns?: number;
}

/** Universal Scalability Law fit X(N) = N / (1 + σ(N−1) + κN(N−1)), relative to N = 1. */
export type { ScalingModel } from '../core/recommendation-record.js';

export interface PerformanceSummary {
  readonly configurations: readonly ConfigurationStats[];
  readonly models: readonly ScalingModel[];
  /** Plain-language findings, e.g. "thread count had no measurable effect". */
  readonly findings: readonly string[];
  readonly threadsMatter: boolean;
  readonly modesMatter: boolean;
  /** Configurations with no successful timed run (so no statistics), with how many runs failed. */
  readonly unmeasured?: readonly {
    readonly key: string;
    readonly threads: number;
    readonly mode: ThreadingMode;
    readonly failedRuns: number;
    readonly oomRuns?: number;
  }[];
}

/** A run whose table differs from the reference run's. */
export interface Divergence {
  readonly run: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly table: string;
  /**
   * 'schema': the table's columns (names, types, nullability) differ from the reference's, judged
   * before any row comparison; 'configuration': the rows differ from the reference's;
   * 'repetition': the rows differ and this configuration also differs from itself.
   */
  readonly kind: 'schema' | 'configuration' | 'repetition';
  readonly alsoDiffersOnRepetition: boolean;
  readonly rowCounts: { readonly reference: number; readonly run: number };
  /** Labels of groups whose digests differ. */
  readonly groups: readonly string[];
  readonly firstYear: number | null;
  readonly columns: readonly string[];
  /** Each column added, removed, retyped or changed in nullability (empty unless kind is 'schema'). */
  readonly schemaChanges?: readonly SchemaChange[];
  /** Rows from a diff of the kept databases; null when either database was not kept. */
  readonly samples: { readonly reference: readonly SampleRow[]; readonly run: readonly SampleRow[] } | null;
}

export interface DeterminismVerdict {
  /** 'skipped' when fewer than two runs were compared: no evidence either way. */
  readonly verdict: 'pass' | 'fail' | 'skipped';
  readonly reference: { readonly run: string; readonly threads: number; readonly mode: ThreadingMode } | null;
  /** Why the reference is not the matrix's reference configuration, or why there is none; null when it is. */
  readonly referenceNote?: string | null;
  /** Runs compared (successful, digested, not the reference). */
  readonly compared: number;
  readonly divergences: readonly Divergence[];
  /** Per configuration key: deterministic (identical to reference on every run) or not. */
  readonly configurations: Readonly<Record<string, 'pass' | 'fail' | 'no-data'>>;
}

export type { Recommendation } from '../core/recommendation-record.js';
export interface GateReason {
  /** 'completeness' (runs missing) and 'evidence' (determinism not judged) appear only when they have something to say. */
  readonly check: 'determinism' | 'failures' | 'golden-digests' | 'performance' | 'completeness' | 'evidence';
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly message: string;
}

export interface GateResult {
  /** 'incomplete' when planned runs are missing, whatever the finished ones showed. */
  readonly verdict: 'pass' | 'fail' | 'incomplete';
  readonly exitCode: 0 | 1 | 2 | 3 | 4;
  readonly reasons: readonly GateReason[];
}

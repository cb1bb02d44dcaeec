// The in-memory report every exporter serializes; report.json is this object as it is.
import type {
  DeterminismVerdict,
  GateResult,
  PerformanceSummary,
  Recommendation,
} from '../analysis/types.js';
import type { ResolvedMatrix } from '../matrix/types.js';
import type { HardwareFingerprint, Timeline } from '../monitor/types.js';
import type { RunRecord } from '../runner/types.js';

export const REPORT_SCHEMA_VERSION = 1;

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'threadgate'; readonly version: string };
  readonly matrix: ResolvedMatrix;
  readonly hardware: HardwareFingerprint;
  readonly target: { readonly kind: string; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Runs planned but not (yet) finished, e.g. an interrupted run. */
  readonly pendingRuns: number;
  readonly runs: readonly RunRecord[];
  readonly determinism: DeterminismVerdict;
  readonly performance: PerformanceSummary;
  readonly recommendation: Recommendation | null;
  /** Why there is no recommendation, when there is none. */
  readonly recommendationError: string | null;
  readonly gate: GateResult;
  /** One timeline per configuration (its first timed run), for the charts; keyed by run id. */
  readonly timelines: Readonly<Record<string, Timeline>>;
}

/** An exporter turns a report into the text of one file. */
export interface Exporter {
  readonly format: 'json' | 'markdown' | 'html' | 'junit' | 'csv';
  /** File name inside the run directory. */
  readonly fileName: string;
  serialize(report: Report): string;
}

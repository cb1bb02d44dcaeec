// The in-memory report every exporter serializes; report.json is this object as it is.
import type { PredictionSection } from '../simulate-schedule/predict-runs.js';
import type { WhatIfReport } from '../simulate-schedule/what-if.js';
import type { DeterminismVerdict, GateResult, PerformanceSummary, Recommendation } from '../analysis/types.js';
import type { StageTiming } from '../analysis/stage-timings.js';
import type { BaselineCheck } from '../baselines/check-baseline.js';
import type { ResolvedMatrix } from '../matrix/types.js';
import type { HardwareFingerprint, Timeline } from '../monitor/types.js';
import type { RunRecord } from '../core/run-record.js';
import type { SearchReport } from '../search/types.js';
import type { ScheduleSummary } from '../schedules/summarize-schedules.js';
import type { LineageDiagnosis, RootCause } from '../lineage/diagnosis-types.js';

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
  /**
   * The lineage walk (src/lineage): each relation that differs while none of its upstream relations
   * do, with its chain to the compared tables and whether it is float reassociation; empty when
   * nothing diverged. Absent while a run is still going.
   */
  readonly rootCauses?: readonly RootCause[];
  /** The rest of the walk: relations differing outside any chain, float-tolerated differences, and why root causes could not be named. */
  readonly lineage?: Omit<LineageDiagnosis, 'rootCauses'>;
  readonly performance: PerformanceSummary;
  readonly recommendation: Recommendation | null;
  /** Why there is no recommendation, when there is none. */
  readonly recommendationError: string | null;
  readonly gate: GateResult;
  /**
   * Comparisons against a saved baseline (golden digests, same-hardware performance), as
   * src/baselines computes them; absent when no baseline was given. Its shape is owned there.
   */
  readonly baselineComparisons?: BaselineCheck;
  /** The target's own per-stage timings (PlanAlign's telemetry), median per configuration; empty when it reports none. */
  readonly stageTimings?: readonly StageTiming[];
  /** Per-model schedules: Brent's bound, critical path, waiting (src/schedules); null when no run has one. */
  readonly schedules?: ScheduleSummary | null;
  /** One timeline per configuration (its first timed run), for the charts; keyed by run id. */
  readonly timelines: Readonly<Record<string, Timeline>>;
  /** How an adaptive or predicted search went (src/search): each configuration's fate and every decision; absent for an exhaustive plan. */
  readonly search?: SearchReport;
  /** Predicted beside measured (src/simulate-schedule): the reference run's schedule replayed for each configuration; null when no reference run has a schedule. */
  readonly prediction?: PredictionSection | null;
  /** What-if (src/simulate-schedule/what-if.ts): the reference schedule under changes the target's owners could make. */
  readonly whatIf?: WhatIfReport | null;
}

/** The formats threadgate writes, one file each. */
export type ExportFormat = 'json' | 'markdown' | 'html' | 'junit' | 'csv';

/** An exporter turns a report into the text of one file. */
export interface Exporter {
  readonly format: ExportFormat;
  /** File name inside the run directory. */
  readonly fileName: string;
  /**
   * The file's text. A promise only for the HTML page, whose charts render through Vega's
   * asynchronous view; `await` it either way (the text exporters return a string).
   */
  serialize(report: Report): string | Promise<string>;
}

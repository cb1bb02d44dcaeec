// Shapes of the nightly history: what one run contributes (as stored), and what a check finds.
import type { HardwareFingerprint } from '../core/hardware-record.js';

/** The commit a run measured, as far as it is known. */
export interface CommitInfo {
  /** Full SHA (or whatever `--commit` named); null when no commit could be told. */
  readonly sha: string | null;
  /** Committer time, ISO; null when unknown. */
  readonly time: string | null;
  readonly branch: string | null;
}

/** One timed run of one configuration. */
export interface HistorySample {
  /** `t4-selective` (configKey). */
  readonly configuration: string;
  readonly threads: number;
  readonly mode: string;
  readonly rep: number;
  /** ok | failed | timeout | oom: failed samples are kept, and left out of every series. */
  readonly status: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  /** Measured while other work held the machine (the run's noise flag). */
  readonly noisy: boolean;
}

/** One compared table of a run: the reference run's digest and whether every configuration agreed. */
export interface HistoryTableDigest {
  readonly table: string;
  /** `md5-v1`, or `fast-v1@<duckdb version>`: digests of different algorithms are never compared. */
  readonly algorithm: string;
  /** null when the reference run has no digest of it (missing table, failed digest). */
  readonly digest: string | null;
  readonly rowCount: number | null;
  /** pass when every configuration's digest equalled the reference's. */
  readonly verdict: 'pass' | 'fail';
}

/** Everything the history keeps of one run. */
export interface HistoryRun {
  /** Identity of the run (hardware, matrix and start time): adding it again changes nothing. */
  readonly runKey: string;
  readonly commit: CommitInfo;
  /** ISO time the run started. */
  readonly startedAt: string;
  readonly hardware: HardwareFingerprint;
  readonly toolVersion: string;
  readonly targetKind: string;
  readonly targetVersion: string;
  readonly matrixName: string;
  /** sha256 (16 hex digits) of the resolved matrix without its file path. */
  readonly matrixHash: string;
  readonly regressionThreshold: number;
  /** The run's determinism verdict as its report gave it (`skipped` when it compared fewer than two runs). */
  readonly determinism: 'pass' | 'fail' | 'skipped';
  readonly samples: readonly HistorySample[];
  readonly tables: readonly HistoryTableDigest[];
}

/** The metrics a series can follow. */
export const HISTORY_METRICS = ['wallMs', 'cpuMs', 'peakRssBytes'] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

/** One commit's summary of one configuration, as the store reads it back (in commit order). */
export interface HistoryPoint {
  readonly hardwareId: string;
  readonly matrixName: string;
  readonly configuration: string;
  readonly threads: number;
  readonly mode: string;
  /** The commit's label: its SHA, or `run <start time>` when the run had none. */
  readonly commit: string;
  /** Commit time, else the first run's start time: the time axis. */
  readonly time: string;
  /** Median of the commit's samples (the quiet ones when there are any). */
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  readonly samples: number;
  readonly noisySamples: number;
}

/** One commit's digest of one table and its verdict (in commit order). */
export interface HistoryDigestPoint {
  readonly matrixName: string;
  readonly table: string;
  readonly commit: string;
  readonly time: string;
  readonly algorithm: string;
  readonly digest: string | null;
  readonly verdict: 'pass' | 'fail';
}

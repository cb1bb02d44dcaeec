// The baseline file: golden digests (hardware-independent) and performance figures per machine.
import type { DatabaseDigest } from '../digest/types.js';
import type { ThreadingMode } from '../matrix/types.js';
import type { HardwareFingerprint } from '../monitor/types.js';

export const BASELINE_SCHEMA_VERSION = 1;

/** Golden digests: what the reference configuration must keep producing. */
export interface GoldenDigests {
  readonly savedAt: string;
  readonly commit: string | null;
  readonly targetVersion: string;
  readonly reference: { readonly threads: number; readonly mode: ThreadingMode };
  readonly tables: DatabaseDigest;
}

/** Timed samples of one configuration on one machine. */
export interface BaselineConfiguration {
  readonly key: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
}

/** Performance figures for one machine: only ever compared with runs on the same hardware. */
export interface PerformanceBaseline {
  readonly hardware: HardwareFingerprint;
  readonly savedAt: string;
  readonly commit: string | null;
  readonly targetVersion: string;
  readonly configurations: readonly BaselineConfiguration[];
}

export interface BaselineFile {
  readonly schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  readonly matrix: string;
  /** What determines the output (target kind and its inputs): golden digests hold only for the same. */
  readonly outputKey: string;
  readonly golden: GoldenDigests | null;
  /** Keyed by hardware fingerprint id. */
  readonly performance: Readonly<Record<string, PerformanceBaseline>>;
}

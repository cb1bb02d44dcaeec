// recommendation.json's record (a contract PlanAlign's tooling and `--threads auto` read) and the
// scaling model it carries.
import type { Configuration, ThreadingMode } from './configuration.js';
import type { HardwareFingerprint } from './hardware-record.js';

/** The fitted scaling law of one mode's speedup curve. */
export interface ScalingModel {
  readonly law: 'usl' | 'amdahl';
  readonly mode: ThreadingMode;
  /** Contention (serial fraction). */
  readonly sigma: number;
  /** Coherency (crosstalk); 0 for Amdahl. */
  readonly kappa: number;
  /** Thread count of peak predicted throughput (may be one not tested); null = no peak below 16 bound. */
  readonly peakThreads: number;
  readonly r2: number;
  /** Points used (thread count, speedup). */
  readonly points: readonly { readonly threads: number; readonly speedup: number }[];
  /** Predicted speedup for 1..16 threads. */
  readonly predicted: readonly { readonly threads: number; readonly speedup: number }[];
}

/** What `threadgate recommend` writes: the thread count to use on this hardware and why. */
export interface Recommendation {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly hardware: HardwareFingerprint;
  readonly target: { readonly kind: string; readonly version: string };
  readonly thread_count: number;
  readonly mode: ThreadingMode;
  readonly max_threads: number;
  readonly memory_per_thread_bytes: number;
  readonly best: Configuration & { readonly medianMs: number };
  readonly speedup_curve: readonly {
    readonly threads: number;
    readonly mode: ThreadingMode;
    readonly speedup: number;
  }[];
  readonly model: ScalingModel | null;
  /** 0..1: how sure the recommendation is given noise and sample size. */
  readonly confidence: number;
  readonly reasons: readonly string[];
  /** Ready-to-paste YAML for PlanAlign's simulation_config.yaml. */
  readonly planalign_snippet: string;
}

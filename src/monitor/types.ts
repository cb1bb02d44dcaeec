// Shapes of CPU/memory timelines and the hardware fingerprint.

/** One sample of the run's process tree and of the whole system. */
export interface TimelineSample {
  /** Milliseconds since the run started. */
  readonly tMs: number;
  /** Cores busy in the process tree since the previous sample (1.0 = one core fully busy). */
  readonly treeCores: number;
  /** Resident memory of the process tree (sum of per-process RSS). */
  readonly treeRssBytes: number;
  /**
   * Proportional set size of the tree (shared pages split among their sharers, so it sums honestly)
   * where /proc/<pid>/smaps_rollup is readable; null when unreadable or not read at this sample:
   * it costs the kernel a page-table walk, so it is read about once a second, less for large trees.
   */
  readonly treePssBytes: number | null;
  readonly processes: number;
  /** Whole-system CPU busy, 0–100 %. */
  readonly systemCpuPercent: number;
  readonly systemMemUsedBytes: number;
  /**
   * Cores busy outside the run's tree and the harness (other processes, kernel threads) since the
   * previous sample: system busy − steal − tree − harness, at least 0. Absent without system sampling.
   */
  readonly outsideCores?: number;
  /** Cores the hypervisor gave to other guests (/proc/stat's steal) since the previous sample. */
  readonly stealCores?: number;
}

export interface TimelineSummary {
  /** Highest tree RSS seen, or the kernel's per-process high-water mark (VmHWM) when higher. */
  readonly peakRssBytes: number;
  readonly meanCores: number;
  readonly peakCores: number;
  /** User + system CPU time of the tree (including reaped descendants). */
  readonly cpuMs: number;
  /** Mean cores busy outside the tree and the harness over the run (see TimelineSample); absent when not measured. */
  readonly outsideCores?: number;
  /** Mean cores of steal time over the run; absent when not measured. */
  readonly stealCores?: number;
}

export interface Timeline {
  readonly intervalMs: number;
  readonly samples: readonly TimelineSample[];
  readonly summary: TimelineSummary;
  /** Every pid of the tree the sampler saw (to match the kernel's OOM-kill records); absent in older timelines. */
  readonly processIds?: readonly number[];
  /** Which sampler took it: `proc` (Linux's /proc) or `portable` (pidusage, every platform); absent in older timelines. */
  readonly sampler?: 'proc' | 'portable';
}

export type { HardwareFingerprint } from '../core/hardware-record.js';

/** How a tree sampler samples. */
export interface TreeSamplerOptions {
  /** Milliseconds between samples (the runner's default is 100, i.e. 10 Hz). */
  readonly intervalMs: number;
  /** Also sample whole-system CPU and memory; default true (when false those fields are 0). */
  readonly system?: boolean;
  /**
   * Look for new descendants at samples at least this many milliseconds apart (default 200; every
   * sample when the interval is longer): a child living less than that is seen only through its
   * parent's cutime/cstime. 0 = every sample.
   */
  readonly discoverEveryMs?: number;
  /** Read /proc/meminfo every this many samples (default 5); the samples between repeat the last value. */
  readonly memInfoEvery?: number;
  /** Share of one core the PSS reads (smaps_rollup: a page-table walk) may cost (default 0.002). */
  readonly pssCpuBudget?: number;
}

/** A running sampler of one process tree. */
export interface TreeSampler {
  /** Takes a final sample, stops, and returns the timeline (the same one on every call). */
  stop(): Promise<Timeline>;
}

// The machine a figure was measured on: the key of recommendations, baselines and history series.

/** What a recommendation and a performance baseline hold for. */
export interface HardwareFingerprint {
  /** Stable short hash of cpuModel, cores, memory and OS: the key of recommendations/baselines. */
  readonly id: string;
  readonly cpuModel: string;
  readonly physicalCores: number;
  readonly logicalCores: number;
  readonly memoryBytes: number;
  readonly os: string;
  readonly arch: string;
  readonly hostname: string;
  readonly nodeVersion: string;
  readonly duckdbVersion: string;
}

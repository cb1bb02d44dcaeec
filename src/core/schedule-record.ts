// A run's schedule as the journal and report.json keep it (built and read in src/schedules).

/**
 * The schedule as the journal and report.json keep it: model names and classes interned, one row
 * per task `[name, year, class, startMs, durationMs, slot, dependencies]`, times rounded to ms.
 * `class` is -1 and `year` null when unknown; dependencies are task indices.
 */
export interface CompactSchedule {
  readonly names: readonly string[];
  readonly classes: readonly string[];
  readonly tasks: readonly CompactTask[];
}

export type CompactTask = readonly [number, number | null, number, number, number, number, readonly number[]];

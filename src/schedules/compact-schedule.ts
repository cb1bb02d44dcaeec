// The journal's and report.json's form of a schedule: names and classes interned, times in whole
// milliseconds from the schedule's earliest start. A 5-year run of the built-in orchestrator (about
// a hundred tasks) takes a few kilobytes.
import type { CompactSchedule, Schedule } from './types.js';

function intern(values: Map<string, number>, value: string): number {
  let index = values.get(value);
  if (index === undefined) {
    index = values.size;
    values.set(value, index);
  }
  return index;
}

/** The compact form; times become relative to the earliest start and are rounded to ms. */
export function compactSchedule(schedule: Schedule): CompactSchedule {
  const names = new Map<string, number>();
  const classes = new Map<string, number>();
  const originMs = Math.min(...schedule.tasks.map((t) => t.startMs));
  const tasks = schedule.tasks.map((t) => {
    const startMs = Math.round(t.startMs - originMs);
    return [
      intern(names, t.model),
      t.year,
      t.modelClass === null ? -1 : intern(classes, t.modelClass),
      startMs,
      Math.round(t.finishMs - originMs) - startMs,
      t.slot,
      t.dependsOn,
    ] as const;
  });
  return { names: [...names.keys()], classes: [...classes.keys()], tasks };
}

/** Back to the full shape the analysis reads. */
export function expandSchedule(compact: CompactSchedule): Schedule {
  return {
    tasks: compact.tasks.map(([name, year, modelClass, startMs, durationMs, slot, dependsOn]) => ({
      model: compact.names[name] ?? `#${name}`,
      year,
      modelClass: modelClass < 0 ? null : (compact.classes[modelClass] ?? null),
      startMs,
      finishMs: startMs + durationMs,
      slot,
      dependsOn,
    })),
  };
}

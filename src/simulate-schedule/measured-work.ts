// A measured task's work at one thread alone: its duration times the average speed the contention
// model gives it over the time it ran, beside the tasks the measured schedule ran beside it. For
// the reference run at one thread every speed is 1 and the work is the measured duration.
import type { Schedule } from '../schedules/types.js';
import { BUILTIN_WRITER_TABLES } from './build-plan.js';
import { computeSpeed } from './contention-model.js';
import type { ContentionModel, ReplayTarget } from './types.js';

/** Each task's work in ms at one thread alone, from `schedule` measured on `measuredOn`. */
export function measureWork(schedule: Schedule, measuredOn: ReplayTarget, model: ContentionModel): number[] {
  const { tasks } = schedule;
  const edges = [...new Set(tasks.flatMap((t) => [t.startMs, t.finishMs]))].sort((a, b) => a - b);
  const index = new Map(edges.map((edge, e) => [edge, e]));
  // Tasks running in each segment [edges[e], edges[e + 1]): a difference array over the sweep.
  const delta = new Int32Array(edges.length + 1);
  for (const t of tasks) {
    if (t.finishMs <= t.startMs) continue;
    delta[index.get(t.startMs)!]! += 1;
    delta[index.get(t.finishMs)!]! -= 1;
  }
  const running = new Int32Array(edges.length);
  for (let e = 0, sum = 0; e < edges.length; e += 1) running[e] = sum += delta[e]!;
  return tasks.map((task) => {
    let work = 0;
    for (let e = index.get(task.startMs)!; e < edges.length - 1 && edges[e]! < task.finishMs; e += 1) {
      const k = running[e]!;
      const width =
        task.modelClass === 'dbt start-up'
          ? 1
          : task.modelClass === 'WRITER'
            ? k === 1
              ? Math.min(measuredOn.threads, BUILTIN_WRITER_TABLES)
              : 1
            : Infinity;
      work +=
        (edges[e + 1]! - edges[e]!) *
        computeSpeed(
          model,
          k,
          measuredOn.threads,
          measuredOn.cores,
          width,
          measuredOn.engineThreads ?? measuredOn.threads,
        );
    }
    return work;
  });
}

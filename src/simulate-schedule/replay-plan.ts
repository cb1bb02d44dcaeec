// The simulator itself: replays a plan on T slots and C cores as a fluid event simulation. Tasks
// start in priority order whenever the rules let them (the built-in engine's canStart, or dbt's
// "ready nodes, up to N threads"); while they run, each advances at the speed the contention model
// gives for the number running beside it; the next event is the earliest finish. Deterministic:
// no clock, no randomness, ties broken by priority then index.
import { computeSpeed } from './contention-model.js';
import type { ContentionModel, Replay, ReplayTarget, SimPlan, SimTask } from './types.js';

/** Remaining work below this is done (floating-point dust). */
const DONE_EPSILON_MS = 1e-6;

/** What is running, counted the way the rules ask (kept up to date as tasks start and finish). */
interface RunningCounts {
  models: number;
  writers: number;
  sequential: number;
  notParallelSafe: number;
}

// The built-in engine's canStart (engine.ts) over classes, on counts: a writer never waits for a
// slot (in the foreground nothing else runs; beside the models it holds one of their slots).
function mayStart(plan: SimPlan, task: SimTask, running: RunningCounts, threads: number): boolean {
  if (plan.rules.kind === 'dbt') return running.models + running.writers < threads;
  if (task.kind === 'writer') return true;
  if (running.models >= Math.max(0, threads - running.writers)) return false;
  if (running.models === 0) return true;
  const { mode } = plan.rules;
  if (mode === 'sequential') return false;
  if (task.modelClass === 'SEQUENTIAL' || running.sequential > 0) return false;
  if (mode === 'selective') return task.modelClass === 'PARALLEL_SAFE' && running.notParallelSafe === 0;
  return true;
}

function count(running: RunningCounts, task: SimTask, delta: 1 | -1): void {
  if (task.kind === 'writer') {
    running.writers += delta;
    return;
  }
  running.models += delta;
  if (task.modelClass === 'SEQUENTIAL') running.sequential += delta;
  if (task.modelClass !== 'PARALLEL_SAFE') running.notParallelSafe += delta;
}

/** The width a task may use: a writer alone its parallel appends, beside models one connection; a start-up one thread. */
function widthOf(plan: SimPlan, task: SimTask, runningCount: number): number {
  if (task.kind === 'start-up') return 1;
  if (task.kind === 'writer') return runningCount === 1 ? (plan.writerWidth ?? 1) : 1;
  return Infinity;
}

/** Replays `plan` on `target` under `model`; throws when some task can never start (a cycle). */
export function replayPlan(plan: SimPlan, target: ReplayTarget, model: ContentionModel): Replay {
  const { tasks } = plan;
  const n = tasks.length;
  const startMs = new Float64Array(n).fill(-1);
  const finishMs = new Float64Array(n).fill(-1);
  const remaining = Float64Array.from(tasks, (t) => Math.max(0, t.workMs));
  const depsLeft = Int32Array.from(tasks, (t) => t.dependsOn.length);
  const dependants: number[][] = tasks.map(() => []);
  tasks.forEach((t, i) => {
    for (const d of t.dependsOn) dependants[d]!.push(i);
  });
  const ready: number[] = [];
  for (let i = 0; i < n; i += 1) if (depsLeft[i] === 0) ready.push(i);
  const running: number[] = [];
  const counts: RunningCounts = { models: 0, writers: 0, sequential: 0, notParallelSafe: 0 };
  let now = 0;
  let finished = 0;
  const byPriority = (a: number, b: number): number => tasks[a]!.priority - tasks[b]!.priority || a - b;
  while (finished < n) {
    if (ready.length > 1) ready.sort(byPriority);
    for (let r = 0; r < ready.length; ) {
      const i = ready[r]!;
      if (mayStart(plan, tasks[i]!, counts, target.threads)) {
        ready.splice(r, 1);
        running.push(i);
        count(counts, tasks[i]!, 1);
        startMs[i] = now;
        r = 0; // a start can change what else may start
      } else {
        r += 1;
      }
    }
    if (running.length === 0) {
      throw new Error(
        `schedule replay: ${n - finished} task(s) can never start (${ready
          .map((i) => tasks[i]!.name)
          .slice(0, 3)
          .join(', ')}...)`,
      );
    }
    const speeds = running.map((i) =>
      computeSpeed(
        model,
        running.length,
        target.threads,
        target.cores,
        widthOf(plan, tasks[i]!, running.length),
        target.engineThreads ?? target.threads,
      ),
    );
    let step = Infinity;
    running.forEach((i, k) => {
      step = Math.min(step, remaining[i]! / speeds[k]!);
    });
    now += step;
    const still: number[] = [];
    running.forEach((i, k) => {
      remaining[i] = remaining[i]! - step * speeds[k]!;
      if (remaining[i]! <= DONE_EPSILON_MS) {
        finishMs[i] = now;
        finished += 1;
        count(counts, tasks[i]!, -1);
        for (const d of dependants[i]!) if (--depsLeft[d]! === 0) ready.push(d);
      } else {
        still.push(i);
      }
    });
    running.length = 0;
    running.push(...still);
  }
  return { makespanMs: now, startMs, finishMs };
}

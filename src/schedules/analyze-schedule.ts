// What one run's schedule implies (pure, no I/O). The work W is the sum of the task durations; the
// critical path is the longest dependency chain weighted by measured durations, its length S; no
// schedule on T slots can finish in less than max(S, W/T) (Brent 1974, "The parallel evaluation of
// general arithmetic expressions": a greedy schedule takes at most W/T + S, none takes less than
// either term). Waiting splits the slot-time the run left unused: a ready task waiting while every
// slot was busy is contention; a slot idle while a ready task waited was held back (the mode's rules,
// a SEQUENTIAL model running alone, dispatch); a slot idle with nothing ready was starved.
import type { Schedule } from './types.js';

/** The bound and waiting figures of one run's schedule. */
export interface ScheduleAnalysis {
  readonly tasks: number;
  /** W: the sum of the task durations. */
  readonly workMs: number;
  /** S: the length of the critical path. */
  readonly criticalPathMs: number;
  /** Task indices of the critical path, first to last. */
  readonly criticalPath: readonly number[];
  /** W/S: how many slots the dependency graph could keep busy on average. */
  readonly parallelism: number;
  /** T: the slots the run had (its thread count). */
  readonly slots: number;
  /** Brent's bound max(S, W/T): no schedule of this work on T slots is shorter. */
  readonly boundMs: number;
  /** First start to last finish. */
  readonly makespanMs: number;
  /** Task-time spent ready but waiting while every slot was busy. */
  readonly contentionMs: number;
  /** Time during which at least one ready task waited for a slot. */
  readonly contendedMs: number;
  /** Slot-time idle while a ready task waited (held back by the mode's rules or dispatch). */
  readonly heldBackMs: number;
  /** Slot-time idle with nothing ready: T × makespan − W − held back. */
  readonly starvedMs: number;
}

/** Task indices in an order where every dependency comes first (ties by start, then index). */
function topologicalOrder(schedule: Schedule): number[] {
  const { tasks } = schedule;
  const remaining = tasks.map((t) => t.dependsOn.length);
  const dependants: number[][] = tasks.map(() => []);
  tasks.forEach((t, i) => {
    for (const d of t.dependsOn) dependants[d]!.push(i);
  });
  const ready = tasks.map((_, i) => i).filter((i) => remaining[i] === 0);
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => tasks[b]!.startMs - tasks[a]!.startMs || b - a);
    const next = ready.pop()!;
    order.push(next);
    for (const d of dependants[next]!) if (--remaining[d]! === 0) ready.push(d);
  }
  if (order.length !== tasks.length) throw new Error('schedule has a dependency cycle');
  return order;
}

/** The longest chain by summed duration, and its length. */
export function findCriticalPath(schedule: Schedule): { path: number[]; lengthMs: number } {
  const { tasks } = schedule;
  if (tasks.length === 0) return { path: [], lengthMs: 0 };
  const longest = new Array<number>(tasks.length).fill(0);
  const previous = new Array<number>(tasks.length).fill(-1);
  for (const i of topologicalOrder(schedule)) {
    const task = tasks[i]!;
    let before = 0;
    for (const d of task.dependsOn) {
      if (longest[d]! > before || (longest[d] === before && previous[i] === -1)) {
        before = longest[d]!;
        previous[i] = d;
      }
    }
    longest[i] = before + (task.finishMs - task.startMs);
  }
  let end = 0;
  for (let i = 1; i < tasks.length; i += 1) if (longest[i]! > longest[end]!) end = i;
  const path: number[] = [];
  for (let i = end; i >= 0; i = previous[i]!) path.push(i);
  return { path: path.reverse(), lengthMs: longest[end]! };
}

/** Contention, held-back and starved time from a sweep over starts, finishes and ready times. */
function measureWaiting(schedule: Schedule, slots: number, originMs: number) {
  const { tasks } = schedule;
  const running = new Map<number, number>();
  const waiting = new Map<number, number>();
  const add = (m: Map<number, number>, at: number, delta: number) => m.set(at, (m.get(at) ?? 0) + delta);
  for (const task of tasks) {
    const readyMs = Math.min(task.startMs, Math.max(originMs, ...task.dependsOn.map((d) => tasks[d]!.finishMs)));
    add(running, task.startMs, 1);
    add(running, task.finishMs, -1);
    if (readyMs < task.startMs) {
      add(waiting, readyMs, 1);
      add(waiting, task.startMs, -1);
    }
  }
  const times = [...new Set([...running.keys(), ...waiting.keys()])].sort((a, b) => a - b);
  let busy = 0;
  let queued = 0;
  const totals = { contentionMs: 0, contendedMs: 0, heldBackMs: 0, starvedMs: 0 };
  for (let k = 0; k < times.length - 1; k += 1) {
    busy += running.get(times[k]!) ?? 0;
    queued += waiting.get(times[k]!) ?? 0;
    const dt = times[k + 1]! - times[k]!;
    const idle = Math.max(0, slots - busy);
    const heldBack = Math.min(queued, idle);
    const overflow = queued - heldBack; // ready tasks beyond the idle slots: they wait for a slot
    totals.heldBackMs += heldBack * dt;
    totals.starvedMs += (idle - heldBack) * dt;
    totals.contentionMs += overflow * dt;
    if (overflow > 0) totals.contendedMs += dt;
  }
  return totals;
}

/** The bound and waiting figures of `schedule` run on `slots` slots. */
export function analyzeSchedule(schedule: Schedule, slots: number): ScheduleAnalysis {
  const { tasks } = schedule;
  const workMs = tasks.reduce((sum, t) => sum + (t.finishMs - t.startMs), 0);
  const { path, lengthMs } = findCriticalPath(schedule);
  const originMs = tasks.length > 0 ? Math.min(...tasks.map((t) => t.startMs)) : 0;
  const makespanMs = tasks.length > 0 ? Math.max(...tasks.map((t) => t.finishMs)) - originMs : 0;
  return {
    tasks: tasks.length,
    workMs,
    criticalPathMs: lengthMs,
    criticalPath: path,
    parallelism: lengthMs > 0 ? workMs / lengthMs : 1,
    slots,
    boundMs: Math.max(lengthMs, workMs / slots),
    makespanMs,
    ...measureWaiting(schedule, slots, originMs),
  };
}

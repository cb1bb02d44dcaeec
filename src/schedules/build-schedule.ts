// Turns the raw tasks a source read into a Schedule: start order, dependencies resolved from names
// to task indices, and a slot for every task (a greedy lane packing when the source had none).
import type { RawTask, Schedule, ScheduledTask } from './types.js';

/** Splits `name@2026` into its name and year; a plain name has no year. */
function parseDependency(text: string): { name: string; year: number | null } {
  const match = /^(.*)@(\d{4})$/.exec(text);
  return match ? { name: match[1]!, year: Number(match[2]) } : { name: text, year: null };
}

/** Index of the task `text` names, seen from a task of `year`; null when none matches. */
function resolveDependency(
  text: string,
  year: number | null,
  byName: ReadonlyMap<string, readonly number[]>,
  tasks: readonly RawTask[],
  byId: ReadonlyMap<string, number>,
): number | null {
  const identified = byId.get(text);
  if (identified !== undefined) return identified;
  const { name, year: wanted } = parseDependency(text);
  const candidates = byName.get(name) ?? [];
  const inYear = (y: number | null) => candidates.find((i) => tasks[i]!.year === y);
  if (wanted !== null) return inYear(wanted) ?? null;
  if (year !== null) {
    const same = inYear(year);
    if (same !== undefined) return same;
  }
  return candidates.length === 1 ? candidates[0]! : null;
}

/** Lowest free lane at each start, in start order: what a slot-less source gets. */
function packSlots(tasks: readonly RawTask[]): number[] {
  const laneFreeAt: number[] = [];
  return tasks.map((task) => {
    let lane = laneFreeAt.findIndex((free) => free <= task.startMs);
    if (lane < 0) lane = laneFreeAt.length;
    laneFreeAt[lane] = task.finishMs;
    return lane;
  });
}

/** Throws when the dependencies form a cycle (a task waiting for itself, through others). */
function checkAcyclic(tasks: readonly ScheduledTask[]): void {
  const state = new Uint8Array(tasks.length); // 0 new, 1 on the stack, 2 done
  const visit = (start: number): void => {
    const stack: { index: number; next: number }[] = [{ index: start, next: 0 }];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const deps = tasks[top.index]!.dependsOn;
      if (top.next >= deps.length) {
        state[top.index] = 2;
        stack.pop();
        continue;
      }
      const dep = deps[top.next++]!;
      if (state[dep] === 1) throw new Error(`dependency cycle through ${tasks[dep]!.model}`);
      if (state[dep] === 0) {
        state[dep] = 1;
        stack.push({ index: dep, next: 0 });
      }
    }
  };
  for (let i = 0; i < tasks.length; i += 1) if (state[i] === 0) visit(i);
}

/** Resolves names, orders by start, assigns missing slots; throws on a negative duration or a cycle. */
export function buildSchedule(raw: readonly RawTask[]): Schedule {
  for (const task of raw) {
    if (!Number.isFinite(task.startMs) || !Number.isFinite(task.finishMs) || task.finishMs < task.startMs) {
      throw new Error(
        `task ${task.model}${task.year === null ? '' : ` (${task.year})`}: finish ${task.finishMs} before start ${task.startMs}`,
      );
    }
  }
  const sorted = [...raw].sort(
    (a, b) => a.startMs - b.startMs || a.finishMs - b.finishMs || a.model.localeCompare(b.model),
  );
  const byName = new Map<string, number[]>();
  sorted.forEach((task, i) => {
    byName.set(task.model, [...(byName.get(task.model) ?? []), i]);
  });
  const byId = new Map(sorted.flatMap((task, i) => (task.id === undefined ? [] : [[task.id, i] as const])));
  const lanes = sorted.some((task) => task.slot === null) ? packSlots(sorted) : null;
  const tasks = sorted.map((task, i): ScheduledTask => {
    const deps = task.dependsOn
      .map((text) => resolveDependency(text, task.year, byName, sorted, byId))
      .filter((d): d is number => d !== null && d !== i);
    return {
      model: task.model,
      year: task.year,
      modelClass: task.modelClass,
      startMs: task.startMs,
      finishMs: task.finishMs,
      slot: lanes ? lanes[i]! : task.slot!,
      dependsOn: [...new Set(deps)].sort((a, b) => a - b),
    };
  });
  checkAcyclic(tasks);
  return { tasks };
}

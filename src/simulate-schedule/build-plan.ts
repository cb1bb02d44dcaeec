// From a measured schedule to a replayable plan under a target's rules. The measured schedule's
// cross-year and writer dependencies are what that run's configuration imposed, so they are
// dropped and rebuilt for the configuration replayed: the built-in orchestrator runs a year's
// models only once the previous year's have all finished (the year barrier), writes a year beside
// the next one's models when the mode overlaps work and T >= 2 (simulate.ts), else before it.
// A dbt schedule keeps its dependencies as recorded: one call after another is its barrier.
import type { Schedule, ScheduledTask } from '../schedules/types.js';
import type { SimPlan, SimTask, SchedulingRules } from './types.js';

/** The built-in writer's connections when it writes alone (output-writer.ts: five tables). */
export const BUILTIN_WRITER_TABLES = 5;

/** What a builtin plan needs to know of the configuration replayed and of the changes tried. */
export interface BuiltinPlanOptions {
  readonly threads: number;
  readonly mode: 'sequential' | 'selective' | 'aggressive';
  /** What-if: no year barrier; a year's model waits only for the models of the year before named here (by model name). */
  readonly crossYearDependencies?: ReadonlyMap<string, readonly string[]>;
  /** What-if: every write runs beside the next year's models (holding a slot) and nothing waits for it but the next write. */
  readonly writeOffPath?: boolean;
}

const isWriter = (task: ScheduledTask): boolean => task.modelClass === 'WRITER';

/** Length (in tasks) of the longest chain of dependants below each task: the engine's priority. */
function chainDepths(count: number, dependsOn: readonly (readonly number[])[]): number[] {
  const dependants: number[][] = Array.from({ length: count }, () => []);
  dependsOn.forEach((deps, i) => {
    for (const d of deps) dependants[d]!.push(i);
  });
  const depth = new Array<number>(count).fill(0);
  // Dependencies point at earlier starts in a measured schedule, so one backward sweep settles it.
  const order = topologicalOrder(count, dependsOn);
  for (let k = order.length - 1; k >= 0; k -= 1) {
    const i = order[k]!;
    depth[i] = 1 + Math.max(0, ...dependants[i]!.map((d) => depth[d]!));
  }
  return depth;
}

function topologicalOrder(count: number, dependsOn: readonly (readonly number[])[]): number[] {
  const left = dependsOn.map((deps) => deps.length);
  const dependants: number[][] = Array.from({ length: count }, () => []);
  dependsOn.forEach((deps, i) => {
    for (const d of deps) dependants[d]!.push(i);
  });
  const order: number[] = [];
  const queue = left.flatMap((l, i) => (l === 0 ? [i] : []));
  while (queue.length > 0) {
    const i = queue.shift()!;
    order.push(i);
    for (const d of dependants[i]!) if (--left[d]! === 0) queue.push(d);
  }
  return order;
}

/** The dependencies and priorities of a builtin plan: the same for every configuration with the same barriers. */
interface PlanShape {
  readonly deps: readonly (readonly number[])[];
  readonly priorities: readonly number[];
}

// Calibration replays one schedule hundreds of times under a handful of barrier layouts: each
// layout's shape is built once.
const shapes = new WeakMap<Schedule, Map<string, PlanShape>>();

/** A builtin plan: the run's models with their in-year dependencies, barriers and writes rebuilt for `options`. */
export function buildBuiltinPlan(schedule: Schedule, workMs: readonly number[], options: BuiltinPlanOptions): SimPlan {
  const overlaps = options.mode !== 'sequential' && options.threads >= 2;
  const cacheable = options.crossYearDependencies === undefined;
  const key = `${overlaps}:${options.writeOffPath === true}`;
  let byKey = shapes.get(schedule);
  if (!byKey) {
    byKey = new Map();
    shapes.set(schedule, byKey);
  }
  let shape = cacheable ? byKey.get(key) : undefined;
  if (!shape) {
    shape = shapePlan(schedule, options);
    if (cacheable) byKey.set(key, shape);
  }
  const { deps, priorities } = shape;
  const simTasks: SimTask[] = schedule.tasks.map((task, i) => ({
    name: task.model,
    year: task.year,
    modelClass: task.modelClass,
    kind: isWriter(task) ? 'writer' : 'model',
    workMs: workMs[i]!,
    dependsOn: deps[i]!,
    priority: priorities[i]!,
  }));
  const rules: SchedulingRules = { kind: 'builtin', mode: options.mode };
  return { tasks: simTasks, rules, writerWidth: Math.min(options.threads, BUILTIN_WRITER_TABLES) };
}

function shapePlan(schedule: Schedule, options: BuiltinPlanOptions): PlanShape {
  const { tasks } = schedule;
  const years = [...new Set(tasks.map((t) => t.year ?? 0))].sort((a, b) => a - b);
  const endYear = years.at(-1) ?? 0;
  const deps: number[][] = tasks.map((task) =>
    isWriter(task) ? [] : task.dependsOn.filter((d) => !isWriter(tasks[d]!) && tasks[d]!.year === task.year),
  );
  const inYear = (year: number): number[] =>
    tasks.flatMap((t, i) => ((t.year ?? 0) === year && !isWriter(t) ? [i] : []));
  const writerOf = new Map(tasks.flatMap((t, i) => (isWriter(t) ? [[t.year ?? 0, i] as const] : [])));
  const finalsOf = (year: number): number[] => {
    const members = inYear(year);
    const needed = new Set(members.flatMap((i) => deps[i]!));
    return members.filter((i) => !needed.has(i));
  };
  const background = (year: number): boolean =>
    options.writeOffPath === true || (year < endYear && options.mode !== 'sequential' && options.threads >= 2);
  const byName = (year: number): Map<string, number> => new Map(inYear(year).map((i) => [tasks[i]!.model, i]));
  years.forEach((year, y) => {
    const writer = writerOf.get(year);
    const previousWriter = y > 0 ? writerOf.get(years[y - 1]!) : undefined;
    if (writer !== undefined)
      deps[writer] = [...finalsOf(year), ...(previousWriter === undefined ? [] : [previousWriter])];
    if (y === 0) return;
    const before = years[y - 1]!;
    const firsts = inYear(year).filter((i) => deps[i]!.length === 0);
    if (options.crossYearDependencies) {
      // Only true dependencies: each model waits for the named models of the year before.
      const previous = byName(before);
      for (const i of inYear(year)) {
        const named = options.crossYearDependencies.get(tasks[i]!.model) ?? [];
        deps[i]!.push(...named.flatMap((name) => (previous.has(name) ? [previous.get(name)!] : [])));
      }
      return;
    }
    const barrier = [...finalsOf(before)];
    const writerBefore = writerOf.get(before);
    const writerTwoBefore = y > 1 ? writerOf.get(years[y - 2]!) : undefined;
    // The year's models start once write(before) has started, i.e. once write(before - 1) is done.
    if (writerTwoBefore !== undefined && !options.writeOffPath) barrier.push(writerTwoBefore);
    if (writerBefore !== undefined && !background(before)) barrier.push(writerBefore);
    for (const i of firsts) deps[i]!.push(...barrier);
  });
  const unique = deps.map((d) => [...new Set(d)]);
  const depths = chainDepths(tasks.length, unique);
  const yearRank = new Map(years.map((year, y) => [year, y]));
  return {
    deps: unique,
    priorities: tasks.map((task, i) => (yearRank.get(task.year ?? 0) ?? 0) * 1e9 - depths[i]! * 1e5 + i),
  };
}

/** A dbt plan: dependencies as recorded (one call after another), start-ups single-threaded, start order as priority. */
/** DuckDB's threads in PlanAlign as shipped (PRAGMA threads=16 on every dbt call), whatever dbt's thread count. */
export const PLANALIGN_DUCKDB_THREADS = 16;

/** True for a schedule read from dbt's log (its calls' start-ups are tasks): PlanAlign's, whose DuckDB runs at 16 threads. */
export function isDbtLogSchedule(schedule: Schedule): boolean {
  return schedule.tasks.some((task) => task.modelClass === 'dbt start-up');
}

export function buildDbtPlan(schedule: Schedule, workMs: readonly number[]): SimPlan {
  return {
    rules: { kind: 'dbt' },
    tasks: schedule.tasks.map((task, i) => ({
      name: task.model,
      year: task.year,
      modelClass: task.modelClass,
      kind: task.modelClass === 'dbt start-up' ? 'start-up' : 'model',
      workMs: workMs[i]!,
      dependsOn: task.dependsOn,
      priority: i,
    })),
  };
}

/** True when the schedule came from the built-in orchestrator (its writes are recorded as WRITER tasks). */
export function isBuiltinSchedule(schedule: Schedule): boolean {
  return schedule.tasks.some(isWriter);
}

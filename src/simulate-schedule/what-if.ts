// What-if: the reference schedule changed the way the target's owners could change it, each change
// with its work W, critical path S, Brent's bound and the predicted time at 1-16 threads on this
// machine (and on another core count). Built-in: no year barrier beyond true dependencies, the write
// off the path. dbt (PlanAlign): threading enabled (dbt gets N threads), all of a year's calls in
// one (no re-parse: one start-up a year, the manifest's dependencies across them), DuckDB's threads
// at N instead of 16. Any schedule: the longest K models twice as fast, and which model's speed the
// critical path is most sensitive to. Pure.
import { analyzeSchedule, findCriticalPath } from '../schedules/analyze-schedule.js';
import type { Schedule } from '../schedules/types.js';
import { buildBuiltinPlan, buildDbtPlan, isBuiltinSchedule, PLANALIGN_DUCKDB_THREADS } from './build-plan.js';
import { measuredCores, type ReferenceSchedule } from './calibrate.js';
import { measureWork } from './measured-work.js';
import { pickReferenceSchedule } from './predict-runs.js';
import { replayPlan } from './replay-plan.js';
import type { ContentionModel, SimPlan } from './types.js';

/** The thread counts every scenario is predicted at. */
export const WHAT_IF_THREADS: readonly number[] = [1, 2, 4, 8, 16];

export { PLANALIGN_DUCKDB_THREADS };

/** One scenario's curve point. */
export interface WhatIfPoint {
  readonly threads: number;
  readonly boundMs: number;
  readonly predictedMs: number;
  readonly predictedOtherCoresMs: number | null;
}

/** One changed schedule. */
export interface WhatIfScenario {
  readonly name: string;
  readonly description: string;
  readonly workMs: number;
  readonly criticalPathMs: number;
  readonly points: readonly WhatIfPoint[];
  /**
   * Why its predicted times are the calibration prior's guess rather than fitted to measurements
   * (it changes something no calibrated run varied); null when they rest on the calibration. Its W,
   * S and bound are the schedule's own arithmetic either way.
   */
  readonly uncalibrated: string | null;
}

/** A model whose speed matters: how much shorter the critical path gets if it ran twice as fast. */
export interface ModelSensitivity {
  readonly model: string;
  readonly workMs: number;
  readonly criticalPathGainMs: number;
}

/** The what-if of one run. */
export interface WhatIfReport {
  readonly referenceRun: string;
  readonly rules: 'builtin' | 'dbt';
  readonly cores: number;
  readonly otherCores: number | null;
  readonly findings: readonly string[];
  readonly scenarios: readonly WhatIfScenario[];
  readonly sensitivity: readonly ModelSensitivity[];
}

/** What the what-if needs. */
export interface WhatIfInput {
  readonly reference: ReferenceSchedule;
  readonly model: ContentionModel;
  readonly otherCores: number | null;
  /** Built-in: for each model, the models of the year before it truly reads (the year barrier relaxed). */
  readonly crossYearDependencies?: ReadonlyMap<string, readonly string[]>;
  /** How many of the longest models the "twice as fast" scenario speeds up. */
  readonly top?: number;
  /** A change to check for real: the named models' work (every year; a model's name, all its shards; a shard's, that shard) times a factor. */
  readonly scale?: { readonly models: readonly string[]; readonly factor: number };
  /** Built-in mode the scenarios run in (the loosest by default). */
  readonly mode?: 'sequential' | 'selective' | 'aggressive';
}

/** A plan builder for one thread count, with the DuckDB threads it runs with. */
interface Variant {
  readonly name: string;
  readonly description: string;
  readonly schedule: Schedule;
  readonly work: readonly number[];
  readonly plan: (threads: number) => SimPlan;
  readonly slots: (threads: number) => number;
  readonly engineThreads: (threads: number) => number;
  /** See WhatIfScenario.uncalibrated. */
  readonly uncalibrated?: string;
}

/** The plan as a schedule of back-to-back tasks, for W and S of its own dependencies. */
function asSchedule(plan: SimPlan): Schedule {
  let at = 0;
  return {
    tasks: plan.tasks.map((t) => {
      const startMs = at;
      at += t.workMs;
      return {
        model: t.name,
        year: t.year,
        modelClass: t.modelClass,
        startMs,
        finishMs: at,
        slot: 0,
        dependsOn: t.dependsOn,
      };
    }),
  };
}

function evaluate(variant: Variant, input: WhatIfInput, cores: number): WhatIfScenario {
  const widest = asSchedule(variant.plan(16));
  const analysis = analyzeSchedule(widest, 16);
  const points = WHAT_IF_THREADS.map((threads) => {
    const plan = variant.plan(threads);
    const slots = variant.slots(threads);
    const predict = (c: number): number =>
      replayPlan(plan, { threads: slots, cores: c, engineThreads: variant.engineThreads(threads) }, input.model)
        .makespanMs + input.model.overheadMs;
    return {
      threads,
      boundMs: Math.round(analyzeSchedule(asSchedule(plan), slots).boundMs),
      predictedMs: Math.round(predict(cores)),
      predictedOtherCoresMs: input.otherCores === null ? null : Math.round(predict(input.otherCores)),
    };
  });
  return {
    name: variant.name,
    description: variant.description,
    workMs: Math.round(analysis.workMs),
    criticalPathMs: Math.round(analysis.criticalPathMs),
    points,
    uncalibrated: variant.uncalibrated ?? null,
  };
}

/** The dbt schedule with one start-up a year: later calls' start-ups dropped, their nodes rewired to the year's first. */
export function mergeCallsPerYear(schedule: Schedule, work: readonly number[]): { schedule: Schedule; work: number[] } {
  const { tasks } = schedule;
  const firstStartUp = new Map<number | null, number>();
  const dropped = new Map<number, number>(); // dropped start-up -> the year's first
  tasks.forEach((t, i) => {
    if (t.modelClass !== 'dbt start-up') return;
    const first = firstStartUp.get(t.year);
    if (first === undefined) firstStartUp.set(t.year, i);
    else dropped.set(i, first);
  });
  const keep = tasks.map((_, i) => !dropped.has(i));
  const newIndex = new Map<number, number>();
  tasks.forEach((_, i) => {
    if (keep[i]) newIndex.set(i, newIndex.size);
  });
  // A node of a merged call waits for the year's one start-up and its manifest dependencies (dbt-log.ts
  // gives a node exactly those two kinds), no longer for the calls before it.
  const kept = tasks.flatMap((t, i) =>
    keep[i]
      ? [
          {
            ...t,
            dependsOn: [...new Set(t.dependsOn.map((d) => newIndex.get(dropped.get(d) ?? d)!))].sort((a, b) => a - b),
          },
        ]
      : [],
  );
  return { schedule: { tasks: kept }, work: work.filter((_, i) => keep[i]) };
}

function builtinVariants(input: WhatIfInput, schedule: Schedule, work: readonly number[]): Variant[] {
  const mode = input.mode ?? 'aggressive';
  const same = { schedule, work, slots: (t: number) => t, engineThreads: (t: number) => t };
  const variants: Variant[] = [
    {
      ...same,
      name: 'as run',
      description: `the built-in orchestrator as it is (${mode} mode)`,
      plan: (t) => buildBuiltinPlan(schedule, work, { threads: t, mode }),
    },
    {
      ...same,
      name: 'write off the path',
      description: "every year written beside the next year's models; nothing waits for a write but the next write",
      plan: (t) => buildBuiltinPlan(schedule, work, { threads: t, mode, writeOffPath: true }),
    },
  ];
  if (input.crossYearDependencies) {
    const crossYearDependencies = input.crossYearDependencies;
    variants.push({
      ...same,
      name: 'no year barrier',
      description: "a year's models wait only for the models of the year before they read, not for the whole year",
      plan: (t) => buildBuiltinPlan(schedule, work, { threads: t, mode, crossYearDependencies }),
    });
  }
  return variants;
}

function dbtVariants(schedule: Schedule, work: readonly number[]): Variant[] {
  const merged = mergeCallsPerYear(schedule, work);
  const duck = PLANALIGN_DUCKDB_THREADS;
  return [
    {
      name: 'as shipped',
      description:
        'threading.enabled false: dbt runs one node at a time whatever the thread count; DuckDB at 16 threads',
      schedule,
      work,
      plan: () => buildDbtPlan(schedule, work),
      slots: () => 1,
      engineThreads: () => duck,
    },
    {
      name: 'threading enabled',
      description: 'threading.enabled true: dbt runs up to N ready nodes at once; DuckDB still at 16 threads',
      schedule,
      work,
      plan: () => buildDbtPlan(schedule, work),
      slots: (t) => t,
      engineThreads: () => duck,
    },
    {
      name: 'DuckDB threads at N',
      description: "threading enabled and DuckDB's threads at N instead of 16",
      schedule,
      work,
      plan: () => buildDbtPlan(schedule, work),
      slots: (t) => t,
      engineThreads: (t) => t,
      // PlanAlign sets DuckDB's threads in its dbt project, not from the thread count: its runs never
      // vary them, so the term this scenario rests on (oversubscription) is the prior's, not a fit.
      uncalibrated: `every run had DuckDB at ${duck} threads, so nothing measured says what ${duck} threads cost against N; the predicted times are the calibration prior's guess`,
    },
    {
      name: 'one dbt call per year',
      description:
        "all of a year's stages in one dbt call (one parse; the manifest's DAG across stages), threading enabled, DuckDB at 16 threads as shipped",
      schedule: merged.schedule,
      work: merged.work,
      plan: () => buildDbtPlan(merged.schedule, merged.work),
      slots: (t) => t,
      // One change at a time, and this one on what the runs measured: DuckDB's threads as they were.
      engineThreads: () => duck,
    },
  ];
}

/** Whether a task named `taskModel` is one of `model`'s: that name, or a shard of it (`model_s0`, `model_s1`...). */
function isTaskOf(taskModel: string, model: string): boolean {
  return taskModel === model || taskModel.replace(/_s\d+$/, '') === model;
}

/** The names in `models` that no task of `schedule` is, by name or as a shard (a scale of them would change nothing). */
export function findUnknownModels(schedule: Schedule, models: readonly string[]): string[] {
  return models.filter((model) => !schedule.tasks.some((t) => isTaskOf(t.model, model)));
}

/** The schedule's model names, shards under their model's name: what `scale` accepts. */
export function listScalableModels(schedule: Schedule): string[] {
  return [...new Set(schedule.tasks.map((t) => t.model.replace(/_s\d+$/, '')))].sort();
}

/** The K longest tasks (by work) at half their work. */
function speedUpLongest(work: readonly number[], k: number): number[] {
  const longest = new Set(
    work
      .map((w, i) => [w, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, k)
      .map(([, i]) => i),
  );
  return work.map((w, i) => (longest.has(i) ? w / 2 : w));
}

/** How much shorter S gets if each model (summed over years and shards of that name) ran twice as fast: the top five. */
function rankSensitivity(schedule: Schedule, work: readonly number[]): ModelSensitivity[] {
  const withWork = (w: readonly number[]): Schedule => ({
    tasks: schedule.tasks.map((t, i) => ({ ...t, startMs: 0, finishMs: w[i]! })),
  });
  const baseS = findCriticalPath(withWork(work)).lengthMs;
  const names = [...new Set(schedule.tasks.map((t) => t.model))];
  return names
    .map((model) => {
      const halved = work.map((w, i) => (schedule.tasks[i]!.model === model ? w / 2 : w));
      const total = work.reduce((sum, w, i) => sum + (schedule.tasks[i]!.model === model ? w : 0), 0);
      return {
        model,
        workMs: Math.round(total),
        criticalPathGainMs: Math.round(baseS - findCriticalPath(withWork(halved)).lengthMs),
      };
    })
    .sort((a, b) => b.criticalPathGainMs - a.criticalPathGainMs || b.workMs - a.workMs)
    .slice(0, 5);
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Plain findings: each change against the run as it is, at the thread count it does best at. */
function describeFindings(scenarios: readonly WhatIfScenario[], sensitivity: readonly ModelSensitivity[]): string[] {
  const base = scenarios[0]!;
  const best = (s: WhatIfScenario): WhatIfPoint => s.points.reduce((a, b) => (b.predictedMs < a.predictedMs ? b : a));
  const baseBest = best(base);
  const today = base.points[0]!.predictedMs / baseBest.predictedMs;
  const findings = scenarios.slice(1).map((s) => {
    const shorter = 1 - s.criticalPathMs / base.criticalPathMs;
    const path = `the critical path ${shorter >= 0 ? `${Math.round(shorter * 100)}% shorter` : `${Math.round(-shorter * 100)}% longer`} (${formatSeconds(s.criticalPathMs)} against ${formatSeconds(base.criticalPathMs)})`;
    if (s.uncalibrated) return `${s.name}: ${path}; its time is not predicted: ${s.uncalibrated}`;
    const point = best(s);
    return `${s.name}: ${path}; predicted ${formatSeconds(point.predictedMs)} at ${point.threads} threads, ×${(base.points[0]!.predictedMs / point.predictedMs).toFixed(2)} over one thread as it is (today ×${today.toFixed(2)} at best, ${baseBest.threads} threads)`;
  });
  const top = sensitivity[0];
  if (top && top.criticalPathGainMs > 0)
    findings.push(
      `the model worth optimizing first: ${top.model} — twice as fast, the critical path ${formatSeconds(top.criticalPathGainMs)} shorter`,
    );
  return findings;
}

/** The what-if of a run's reference schedule. */
export function analyzeWhatIf(input: WhatIfInput): WhatIfReport {
  const { reference } = input;
  const schedule = reference.schedule;
  const cores = measuredCores(reference, input.model);
  const builtin = isBuiltinSchedule(schedule);
  // The dbt scenarios are PlanAlign's, whose DuckDB ran at 16 threads whatever dbt's count: the work
  // is measured on those 16, as the scenarios replay it, so that the run as measured ("threading
  // enabled" at the reference's threads) replays to its measured times and not to a slowdown of its own.
  const engineThreads = builtin
    ? reference.measuredOn.engineThreads
    : (reference.measuredOn.engineThreads ?? PLANALIGN_DUCKDB_THREADS);
  const work = measureWork(
    schedule,
    { ...reference.measuredOn, cores, ...(engineThreads === undefined ? {} : { engineThreads }) },
    input.model,
  );
  const variants = builtin ? builtinVariants(input, schedule, work) : dbtVariants(schedule, work);
  const top = input.top ?? 3;
  const fast = speedUpLongest(work, top);
  const base = variants[0]!;
  variants.push({
    ...base,
    name: `longest ${top} twice as fast`,
    description: `the ${top} longest model executions at half their time, the rest as it is`,
    work: fast,
    plan: builtin
      ? (t) => buildBuiltinPlan(schedule, fast, { threads: t, mode: input.mode ?? 'aggressive' })
      : () => buildDbtPlan(schedule, fast),
  });
  if (input.scale) {
    const { models, factor } = input.scale;
    const scaled = work.map((w, i) => (models.some((m) => isTaskOf(schedule.tasks[i]!.model, m)) ? w * factor : w));
    variants.push({
      ...base,
      name: `${models.join(', ')} ×${factor}`,
      description: `${models.join(', ')} taking ${factor} times their work, the rest as it is`,
      work: scaled,
      plan: builtin
        ? (t) => buildBuiltinPlan(schedule, scaled, { threads: t, mode: input.mode ?? 'aggressive' })
        : () => buildDbtPlan(schedule, scaled),
    });
  }
  const scenarios = variants.map((variant) => evaluate(variant, input, cores));
  const sensitivity = rankSensitivity(schedule, work);
  return {
    referenceRun: reference.runId,
    rules: builtin ? 'builtin' : 'dbt',
    cores,
    otherCores: input.otherCores,
    findings: describeFindings(scenarios, sensitivity),
    scenarios,
    sensitivity,
  };
}

/** The what-if of a run's journal: its reference run's schedule under the calibration its prediction used; null without one. */
export function analyzeRecordsWhatIf(
  records: Parameters<typeof pickReferenceSchedule>[0],
  reference: Parameters<typeof pickReferenceSchedule>[1],
  cores: number,
  model: ContentionModel,
  options: Omit<WhatIfInput, 'reference' | 'model'>,
): WhatIfReport | null {
  const schedule = pickReferenceSchedule(records, reference, cores);
  return schedule === null ? null : analyzeWhatIf({ ...options, reference: schedule, model });
}

// The report's view of the schedules (pure): per run the bound and waiting figures, per
// configuration their medians beside the measured time, per model its duration at each thread
// count, and findings in plain words that say why more threads help or not.
import { median } from 'simple-statistics';
import { configKey, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import { formatMs, formatPercent } from '../core/format.js';
import { analyzeSchedule, type ScheduleAnalysis } from './analyze-schedule.js';
import { expandSchedule } from './compact-schedule.js';
import type { Schedule, ScheduledTask } from './types.js';

/** One run's figures; the critical path as task labels ("model 2026"). */
export interface RunBound extends Omit<ScheduleAnalysis, 'criticalPath'> {
  readonly run: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly wallMs: number;
  readonly criticalPath: readonly string[];
}

/** Medians over a configuration's timed runs that have a schedule. */
export interface ConfigurationBound {
  readonly key: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly n: number;
  readonly wallMs: number;
  readonly makespanMs: number;
  readonly workMs: number;
  readonly criticalPathMs: number;
  readonly parallelism: number;
  readonly boundMs: number;
  /**
   * max(S₁, W₁/T) from the same mode's 1-thread medians: the bound had every model kept its
   * 1-thread duration; null without a 1-thread configuration. The gap to boundMs is the slowdown
   * of models run side by side.
   */
  readonly idealBoundMs: number | null;
  /** Share of the makespan during which a ready model waited for a slot. */
  readonly contendedShare: number;
  /** Shares of the slot-time (threads × makespan) held back and starved. */
  readonly heldBackShare: number;
  readonly starvedShare: number;
}

/** A model's median summed duration per run (over years and calls) in one configuration. */
export interface ModelDuration {
  readonly model: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly medianMs: number;
}

/** The schedules section of report.json. */
export interface ScheduleSummary {
  readonly runs: readonly RunBound[];
  readonly configurations: readonly ConfigurationBound[];
  readonly modelDurations: readonly ModelDuration[];
  /** The run whose critical path the findings name (the reference run, else the first with a schedule). */
  readonly reference: string | null;
  readonly findings: readonly string[];
}

/** "model 2026", or the model alone without a year. */
export function labelTask(task: ScheduledTask): string {
  return task.year === null ? task.model : `${task.model} ${task.year}`;
}

/**
 * A chain of models for a sentence, elided past seven names. A path through several years is
 * told by one year's stretch of it (the year with most models on it) and the number of years.
 */
export function describeChain(schedule: Schedule, path: readonly number[]): string {
  const tasks = path.map((i) => schedule.tasks[i]!);
  const years = [...new Set(tasks.map((t) => t.year).filter((y): y is number => y !== null))];
  const count = (year: number) => tasks.filter((t) => t.year === year).length;
  const year = years.length > 1 ? years.reduce((best, y) => (count(y) >= count(best) ? y : best)) : null;
  const names = tasks.filter((t) => year === null || t.year === year).map((t) => t.model);
  const shown = names.length > 7 ? [...names.slice(0, 3), '…', ...names.slice(-3)] : names;
  return year === null
    ? `it runs ${shown.join(' → ')}`
    : `it crosses ${years.length} years, in ${year}: ${shown.join(' → ')}`;
}

function configurationBound(runs: readonly RunBound[]): ConfigurationBound {
  const first = runs[0]!;
  const share = (pick: (r: RunBound) => number) => median(runs.map(pick));
  return {
    key: configKey(first),
    threads: first.threads,
    mode: first.mode,
    n: runs.length,
    wallMs: share((r) => r.wallMs),
    makespanMs: share((r) => r.makespanMs),
    workMs: share((r) => r.workMs),
    criticalPathMs: share((r) => r.criticalPathMs),
    parallelism: share((r) => r.parallelism),
    boundMs: share((r) => r.boundMs),
    idealBoundMs: null,
    contendedShare: share((r) => (r.makespanMs > 0 ? r.contendedMs / r.makespanMs : 0)),
    heldBackShare: share((r) => (r.makespanMs > 0 ? r.heldBackMs / (r.slots * r.makespanMs) : 0)),
    starvedShare: share((r) => (r.makespanMs > 0 ? r.starvedMs / (r.slots * r.makespanMs) : 0)),
  };
}

/** One sentence on what limits a multi-thread configuration. */
function describeConfiguration(c: ConfigurationBound, single: ConfigurationBound | undefined): string {
  const growth = single && single.workMs > 0 ? c.workMs / single.workMs : 1;
  const causes: [number, string][] = [
    [c.contendedShare, `ready models waited for a slot ${formatPercent(c.contendedShare)} of the time`],
    [
      c.starvedShare,
      `slots sat idle with nothing ready ${formatPercent(c.starvedShare)} of the slot-time (the dependency chain)`,
    ],
    [
      c.heldBackShare,
      `slots sat idle while a ready model was held back (the mode's rules) ${formatPercent(c.heldBackShare)} of the slot-time`,
    ],
    [
      growth - 1,
      `the same work took ×${growth.toFixed(2)} as long as at 1 thread (each model ran slower than alone: the cores were shared)`,
    ],
  ];
  const named = causes
    .filter(([size]) => size >= 0.05)
    .sort((a, b) => b[0] - a[0])
    .map(([, text]) => text);
  const ideal = c.idealBoundMs === null ? '' : `; ${formatMs(c.idealBoundMs)} with the 1-thread durations`;
  return (
    `${c.threads} threads (${c.mode}): ${formatMs(c.wallMs)} measured, ${formatMs(c.makespanMs)} of it scheduled, against a bound of ` +
    `${formatMs(c.boundMs)} (max(S, W/T) with the durations measured here${ideal})` +
    (named.length > 0 ? `; ${named.join('; ')}` : '; close to the bound')
  );
}

/** The schedules section from the journal's records; null when no run has a schedule. */
export function summarizeSchedules(records: readonly RunRecord[], referenceRun: string | null): ScheduleSummary | null {
  const timed = records.filter((r) => r.status === 'ok' && !r.warmup && r.schedule);
  if (timed.length === 0) return null;
  const schedules = new Map(timed.map((r) => [r.id, expandSchedule(r.schedule!)]));
  const runs: RunBound[] = timed.map((r) => {
    const schedule = schedules.get(r.id)!;
    const analysis = analyzeSchedule(schedule, r.threads);
    return {
      ...analysis,
      run: r.id,
      threads: r.threads,
      mode: r.mode,
      wallMs: r.wallMs,
      criticalPath: analysis.criticalPath.map((i) => labelTask(schedule.tasks[i]!)),
    };
  });
  const groups = new Map<string, RunBound[]>();
  for (const run of runs) groups.set(configKey(run), [...(groups.get(configKey(run)) ?? []), run]);
  const modeRank = (mode: ThreadingMode) => THREADING_MODES.indexOf(mode);
  const measured = [...groups.values()]
    .map(configurationBound)
    .sort((a, b) => modeRank(a.mode) - modeRank(b.mode) || a.threads - b.threads);
  const configurations = measured.map((c) => {
    const single = measured.find((o) => o.mode === c.mode && o.threads === 1);
    return single ? { ...c, idealBoundMs: Math.max(single.criticalPathMs, single.workMs / c.threads) } : c;
  });

  const durations = new Map<
    string,
    { model: string; threads: number; mode: ThreadingMode; perRun: Map<string, number> }
  >();
  for (const r of timed) {
    for (const task of schedules.get(r.id)!.tasks) {
      const key = `${configKey(r)}|${task.model}`;
      const entry = durations.get(key) ?? {
        model: task.model,
        threads: r.threads,
        mode: r.mode,
        perRun: new Map<string, number>(),
      };
      entry.perRun.set(r.id, (entry.perRun.get(r.id) ?? 0) + task.finishMs - task.startMs);
      durations.set(key, entry);
    }
  }
  const modelDurations = [...durations.values()].map((d) => ({
    model: d.model,
    threads: d.threads,
    mode: d.mode,
    medianMs: median([...d.perRun.values()]),
  }));

  const reference = runs.find((r) => r.run === referenceRun) ?? runs.find((r) => r.threads === 1) ?? runs[0]!;
  const refSchedule = schedules.get(reference.run)!;
  const path = analyzeSchedule(refSchedule, reference.threads).criticalPath;
  const findings = [
    `no thread count can run this faster than ×${reference.parallelism.toFixed(2)}: the critical path is ${formatPercent(reference.workMs > 0 ? reference.criticalPathMs / reference.workMs : 1)} of the work ` +
      `(S ${formatMs(reference.criticalPathMs)} of W ${formatMs(reference.workMs)} in run ${reference.run}); ${describeChain(refSchedule, path)}`,
    ...configurations
      .filter((c) => c.threads > 1)
      .map((c) =>
        describeConfiguration(
          c,
          configurations.find((o) => o.mode === c.mode && o.threads === 1),
        ),
      ),
  ];
  return { runs, configurations, modelDurations, reference: reference.run, findings };
}

// Predicted beside measured: from a run's journal records, the reference run's schedule replayed
// for every configuration (measured or not, up to 16 threads), the contention model calibrated
// from all measured configurations, each prediction's error against the measured median, and the
// same curve on another core count. Pure: records in, a plain section out.
import { configKey, type Configuration } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import { expandSchedule } from '../schedules/compact-schedule.js';
import { isBuiltinSchedule, isDbtLogSchedule, PLANALIGN_DUCKDB_THREADS } from './build-plan.js';
import {
  calibrateModel,
  measuredCores,
  medianOf,
  predictWallMs,
  type CalibrationPoint,
  type ReferenceSchedule,
} from './calibrate.js';
import { measureWork } from './measured-work.js';
import type { ContentionModel } from './types.js';

/** The thread counts predicted for every mode, measured or not. */
export const PREDICTED_THREADS: readonly number[] = Array.from({ length: 16 }, (_, i) => i + 1);

/** One configuration's prediction, with its measured median when it was run. */
export interface PredictedConfiguration {
  readonly threads: number;
  readonly mode: string;
  readonly predictedMs: number;
  readonly measuredMs: number | null;
  /** (predicted − measured) / measured × 100; null when not measured. */
  readonly errorPct: number | null;
}

/** report.json's `prediction`. */
export interface PredictionSection {
  /** The run whose schedule was replayed. */
  readonly referenceRun: string;
  readonly rules: 'builtin' | 'dbt';
  /** The cores of the machine measured on. */
  readonly cores: number;
  /** The contention model used, and the configurations it was calibrated on. */
  readonly calibration: ContentionModel & { readonly fittedOn: readonly string[] };
  readonly configurations: readonly PredictedConfiguration[];
  /** Median and worst absolute error over measured configurations, in percent. */
  readonly medianAbsErrorPct: number | null;
  readonly worstAbsErrorPct: number | null;
  /** The same curve predicted on another core count (`--predict-cores`), null when not asked. */
  readonly otherCores: { readonly cores: number; readonly configurations: readonly PredictedConfiguration[] } | null;
}

/** What the prediction needs besides the records. */
export interface PredictionInput {
  readonly records: readonly RunRecord[];
  readonly reference: Configuration;
  readonly modes: readonly string[];
  /** Cores of the machine the records were measured on. */
  readonly cores: number;
  readonly predictCores?: number | null;
  /** Calibrate only on these configuration keys (default: every measured one). */
  readonly calibrateOn?: readonly string[];
}

const timedOk = (r: RunRecord): boolean => !r.warmup && r.status === 'ok' && r.superseded !== true;

/** The reference configuration's run with a schedule whose wall time is its median (the representative one). */
export function pickReferenceSchedule(
  records: readonly RunRecord[],
  reference: Configuration,
  cores: number,
): ReferenceSchedule | null {
  const runs = records
    .filter((r) => timedOk(r) && r.threads === reference.threads && r.mode === reference.mode && r.schedule)
    .sort((a, b) => a.wallMs - b.wallMs || a.id.localeCompare(b.id));
  const run = runs[Math.floor((runs.length - 1) / 2)];
  if (!run) return null;
  const schedule = expandSchedule(run.schedule!);
  // PlanAlign's DuckDB ran at 16 threads whatever dbt's count (as the what-if's dbt scenarios replay it).
  const measuredOn = isDbtLogSchedule(schedule)
    ? { threads: run.threads, cores, engineThreads: PLANALIGN_DUCKDB_THREADS }
    : { threads: run.threads, cores };
  return { schedule, measuredOn, runId: run.id };
}

/**
 * The time some task of a run's schedule was running: the union of its tasks' intervals. The rest of
 * the wall time is the orchestrator's own (process start, PlanAlign's Python between dbt calls, the
 * final checkpoint), which no thread count changes and the replay, packing tasks by their
 * dependencies, has no gaps for: it is the fixed overhead added to every prediction.
 */
function busyMsOf(record: RunRecord): number | null {
  if (!record.schedule || record.schedule.tasks.length === 0) return null;
  const intervals = record.schedule.tasks.map((t) => [t[3], t[3] + t[4]] as const).sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let [from, to] = intervals[0]!;
  for (const [start, finish] of intervals.slice(1)) {
    if (start > to) {
      busy += to - from;
      from = start;
    }
    to = Math.max(to, finish);
  }
  return busy + (to - from);
}

/** Measured configurations as calibration points: median wall and median overhead outside the schedule. */
export function collectCalibrationPoints(records: readonly RunRecord[]): CalibrationPoint[] {
  const groups = new Map<string, RunRecord[]>();
  for (const record of records.filter(timedOk)) {
    const key = configKey(record);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.values()].map((runs) => {
    const overheads = runs.flatMap((r) => {
      const busy = busyMsOf(r);
      return busy === null ? [] : [r.wallMs - busy];
    });
    return {
      threads: runs[0]!.threads,
      mode: runs[0]!.mode,
      wallMs: medianOf(runs.map((r) => r.wallMs)),
      overheadMs: overheads.length > 0 ? medianOf(overheads) : 0,
    };
  });
}

function predictAll(
  reference: ReferenceSchedule,
  model: ContentionModel,
  modes: readonly string[],
  cores: number,
  measured: readonly CalibrationPoint[],
): PredictedConfiguration[] {
  // The work as measured, on the cores the runs really had.
  const work = measureWork(
    reference.schedule,
    { ...reference.measuredOn, cores: measuredCores(reference, model) },
    model,
  );
  const threads = [...new Set([...PREDICTED_THREADS, ...measured.map((p) => p.threads)])].sort((a, b) => a - b);
  return modes.flatMap((mode) =>
    threads.map((t) => {
      const predictedMs = Math.round(predictWallMs(reference, model, t, mode, cores, work));
      const point = measured.find((p) => p.threads === t && p.mode === mode);
      const measuredMs = point ? Math.round(point.wallMs) : null;
      const errorPct = point ? Math.round(((predictedMs - point.wallMs) / point.wallMs) * 1000) / 10 : null;
      return { threads: t, mode, predictedMs, measuredMs, errorPct };
    }),
  );
}

/** The prediction section of a report; null when no reference run has a schedule. */
export function predictRuns(input: PredictionInput): PredictionSection | null {
  const reference = pickReferenceSchedule(input.records, input.reference, input.cores);
  if (reference === null) return null;
  const points = collectCalibrationPoints(input.records);
  const fitted = input.calibrateOn
    ? points.filter((p) => input.calibrateOn!.includes(configKey(p as Configuration)))
    : points;
  const model = calibrateModel(reference, fitted);
  const configurations = predictAll(reference, model, input.modes, measuredCores(reference, model), points);
  const errors = configurations.flatMap((c) => (c.errorPct === null ? [] : [Math.abs(c.errorPct)]));
  const otherCores = input.predictCores
    ? { cores: input.predictCores, configurations: predictAll(reference, model, input.modes, input.predictCores, []) }
    : null;
  return {
    referenceRun: reference.runId,
    rules: isBuiltinSchedule(reference.schedule) ? 'builtin' : 'dbt',
    cores: input.cores,
    calibration: { ...model, fittedOn: fitted.map((p) => configKey(p as Configuration)) },
    configurations,
    medianAbsErrorPct: errors.length > 0 ? Math.round(medianOf(errors) * 10) / 10 : null,
    worstAbsErrorPct: errors.length > 0 ? Math.max(...errors) : null,
    otherCores,
  };
}

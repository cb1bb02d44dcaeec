// Calibrating the contention model from measured runs: the parameters whose replays of the
// reference schedule come closest (least squares of log ratios) to the measured medians of the
// configurations given, found by a coarse grid and then a finer one around its best point. The
// fixed overhead outside the schedule is the median, over those runs, of wall time less makespan.
//
// Four parameters from two configurations (a predicted search's probes) are under-determined: many
// models fit both exactly and disagree everywhere else (on tuning.yaml one predicted 8 threads 90%
// off). So the fit is penalized, weakly, for its distance from a prior model (a ridge, i.e. a
// maximum a posteriori fit): with many configurations the data decide, with two the prior settles
// what they cannot.
import type { Schedule } from '../schedules/types.js';
import { buildBuiltinPlan, buildDbtPlan, isBuiltinSchedule } from './build-plan.js';
import { measureWork } from './measured-work.js';
import { replayPlan } from './replay-plan.js';
import type { ContentionModel, ReplayTarget, SimPlan } from './types.js';

/** A measured configuration the calibration reads. */
export interface CalibrationPoint {
  readonly threads: number;
  readonly mode: string;
  /** Median wall time of its timed runs. */
  readonly wallMs: number;
  /** Median of wall time less schedule makespan of its runs (time outside the schedule). */
  readonly overheadMs: number;
}

/** The reference run's schedule and the machine it was measured on. */
export interface ReferenceSchedule {
  readonly schedule: Schedule;
  readonly measuredOn: ReplayTarget;
  readonly runId: string;
}

type BuiltinMode = 'sequential' | 'selective' | 'aggressive';

/** The plan of `reference` for one configuration under `model` (the work depends on the model when the reference ran on T > 1). */
export function planFor(
  reference: ReferenceSchedule,
  model: ContentionModel,
  threads: number,
  mode: string,
  workMs?: readonly number[],
): SimPlan {
  const work = workMs ?? measureWork(reference.schedule, reference.measuredOn, model);
  return isBuiltinSchedule(reference.schedule)
    ? buildBuiltinPlan(reference.schedule, work, { threads, mode: mode as BuiltinMode })
    : buildDbtPlan(reference.schedule, work);
}

/** Predicted wall time of one configuration: the replay's makespan plus the fixed overhead. */
export function predictWallMs(
  reference: ReferenceSchedule,
  model: ContentionModel,
  threads: number,
  mode: string,
  cores: number,
  workMs?: readonly number[],
): number {
  // A dbt schedule's engine keeps its own thread count (PlanAlign's DuckDB: 16) whatever dbt's.
  const { engineThreads } = reference.measuredOn;
  const target = engineThreads === undefined ? { threads, cores } : { threads, cores, engineThreads };
  return replayPlan(planFor(reference, model, threads, mode, workMs), target, model).makespanMs + model.overheadMs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The cores a prediction for the machine measured on uses: the calibrated available cores when known. */
export function measuredCores(reference: ReferenceSchedule, model: ContentionModel): number {
  return model.availableCores ?? reference.measuredOn.cores;
}

/**
 * The prior: a modest parallel gain, a little interference and oversubscription, every core free.
 * Each parameter's scale is how far from it one "unit" of penalty reaches; PRIOR_WEIGHT is that
 * unit's cost in squared log ratio (0.003 ≈ a 5.5% misfit of one configuration).
 */
const PRIOR = { parallelGain: 0.3, interference: 0.1, oversubscription: 0.03, availableShare: 1 } as const;
const PRIOR_SCALE = { parallelGain: 0.5, interference: 0.3, oversubscription: 0.1, availableShare: 0.25 } as const;
const PRIOR_WEIGHT = 0.003;

function scorePrior(model: ContentionModel, cores: number): number {
  const share = (model.availableCores ?? cores) / cores;
  const terms = [
    (model.parallelGain - PRIOR.parallelGain) / PRIOR_SCALE.parallelGain,
    (model.interference - PRIOR.interference) / PRIOR_SCALE.interference,
    (model.oversubscription - PRIOR.oversubscription) / PRIOR_SCALE.oversubscription,
    (share - PRIOR.availableShare) / PRIOR_SCALE.availableShare,
  ];
  return PRIOR_WEIGHT * terms.reduce((sum, t) => sum + t * t, 0);
}

function scoreModel(reference: ReferenceSchedule, model: ContentionModel, points: readonly CalibrationPoint[]): number {
  const cores = measuredCores(reference, model);
  const on = { ...reference, measuredOn: { ...reference.measuredOn, cores } };
  const work = measureWork(on.schedule, on.measuredOn, model);
  let sum = 0;
  for (const point of points) {
    const predicted = predictWallMs(on, model, point.threads, point.mode, cores, work);
    sum += Math.log(predicted / point.wallMs) ** 2;
  }
  return sum + scorePrior(model, reference.measuredOn.cores);
}

const GAINS = [0, 0.15, 0.3, 0.5, 0.7, 1];
const INTERFERENCES = [0, 0.1, 0.2, 0.35, 0.6, 1];
const OVERSUBSCRIPTIONS = [0, 0.03, 0.08, 0.15, 0.4];
/** Shares of the machine's cores the runs may really have had (other work on a shared machine). */
const AVAILABLE_SHARES = [1, 0.75, 0.5];

/** The contention model fitted to `points` (the reference's own configuration among them or not). */
export function calibrateModel(reference: ReferenceSchedule, points: readonly CalibrationPoint[]): ContentionModel {
  const overheadMs = points.length > 0 ? Math.max(0, median(points.map((p) => p.overheadMs))) : 0;
  let best: ContentionModel = { parallelGain: 0, interference: 0, oversubscription: 0, overheadMs };
  if (points.length === 0) return best;
  let bestScore = Infinity;
  const consider = (model: ContentionModel): void => {
    const score = scoreModel(reference, model, points);
    if (score < bestScore - 1e-12) {
      bestScore = score;
      best = model;
    }
  };
  const cores = reference.measuredOn.cores;
  for (const share of AVAILABLE_SHARES) {
    const availableCores = cores * share;
    for (const parallelGain of GAINS) {
      for (const interference of INTERFERENCES) {
        for (const oversubscription of OVERSUBSCRIPTIONS)
          consider({ parallelGain, interference, oversubscription, overheadMs, availableCores });
      }
    }
  }
  // A finer look around the coarse optimum, one parameter at a time, twice.
  for (let pass = 0; pass < 2; pass += 1) {
    const centre = best;
    for (const step of [-0.06, -0.03, 0.03, 0.06])
      consider({ ...centre, parallelGain: clamp(centre.parallelGain + step, 0, 1) });
    const afterGain = best;
    for (const step of [-0.1, -0.05, 0.05, 0.1])
      consider({ ...afterGain, interference: clamp(afterGain.interference + step, 0, 3) });
    const afterInterference = best;
    for (const step of [-0.05, -0.02, 0.02, 0.05])
      consider({ ...afterInterference, oversubscription: clamp(afterInterference.oversubscription + step, 0, 1) });
    const afterOversubscription = best;
    for (const step of [-0.125, 0.125])
      consider({
        ...afterOversubscription,
        availableCores: clamp((afterOversubscription.availableCores ?? cores) + step * cores, 0.25 * cores, cores),
      });
  }
  return roundModel(best);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function roundModel(model: ContentionModel): ContentionModel {
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    parallelGain: r(model.parallelGain),
    interference: r(model.interference),
    oversubscription: r(model.oversubscription),
    overheadMs: Math.round(model.overheadMs),
    ...(model.availableCores === undefined ? {} : { availableCores: r(model.availableCores) }),
  };
}

export { median as medianOf };

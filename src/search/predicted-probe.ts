// `search: predicted`: round 1 runs two probes, the reference and the matrix's largest other thread
// count in the reference's mode; the schedule simulator (src/simulate-schedule), calibrated on them,
// predicts every configuration of the matrix; those the prediction can tell apart from the predicted
// best leave the race unmeasured, and the adaptive race's rules decide among the rest. Pure, like the
// rest of the search: the same records give the same probes, predictions and drops.
import { formatMs } from '../core/format.js';
import type { RunRecord } from '../core/run-record.js';
import { configKey, type Configuration, type ResolvedMatrix } from '../matrix/types.js';
import { predictRuns, type PredictionSection } from '../simulate-schedule/predict-runs.js';
import { chooseRecommended } from '../analysis/recommendation.js';
import { dropEntry, type Race, type RaceEntry } from './race.js';

/**
 * How far a prediction may be off relative to the predicted best before a configuration is called
 * distinguishable from it: issue 19's accuracy goal (median error within 10%). A configuration is
 * dropped unmeasured only when its prediction is slower than the predicted best by more than the
 * recommendation's tolerance and this margin together.
 */
export const PREDICTION_MARGIN = 0.1;

/** The two probes of round 1: the reference, and the largest other thread count in its mode. */
export function chooseProbes(matrix: ResolvedMatrix): Configuration[] {
  const { reference, threads } = matrix;
  const others = threads.filter((t) => t !== reference.threads);
  if (others.length === 0) return [reference];
  return [reference, { threads: Math.max(...others), mode: reference.mode }];
}

// The calibration takes a second or two, and the search is replayed after every round and on every
// report rewrite: the same probe records give the same prediction, so it is kept.
const remembered = new Map<string, PredictionSection | null>();

function predictFromProbes(race: Race, cores: number): PredictionSection | null {
  const timed = race.records.filter((r: RunRecord) => !r.warmup && r.status === 'ok');
  const key = `${cores}|${race.matrix.modes.join()}|${timed.map((r) => `${r.id}:${r.wallMs}`).join()}`;
  if (!remembered.has(key)) {
    if (remembered.size > 16) remembered.clear();
    remembered.set(
      key,
      predictRuns({ records: timed, reference: race.matrix.reference, modes: race.matrix.modes, cores }),
    );
  }
  return remembered.get(key)!;
}

/** Why a configuration is kept in the race: predicted within the tolerance and the margin of the predicted best. */
function isIndistinguishable(predictedMs: number, bestMs: number, tolerance: number): boolean {
  return predictedMs <= bestMs * (1 + tolerance) * (1 + PREDICTION_MARGIN);
}

/**
 * After the probe round: predicts the matrix's configurations from the probes, drops (reason
 * `predicted`) every live one the prediction tells apart from the predicted best, and sets the next
 * round to the contenders not yet measured. Returns true when that round has runs to do; false when
 * the race should decide now (every contender measured). Without a prediction every configuration
 * stays, and the next round runs those not yet measured, as an adaptive search's first round would.
 */
export function pruneByPrediction(race: Race, round: number, cores: number): boolean {
  const prediction = predictFromProbes(race, cores);
  const live = [...race.entries.values()].filter((entry) => entry.live);
  if (prediction === null) {
    const unmeasured = live.filter((entry) => entry.planned === 0);
    race.questioned = new Set(unmeasured.map((entry) => entry.key));
    race.decisions.push({
      kind: 'predict',
      round,
      calibration: null,
      predictions: [],
      contenders: live.map((entry) => entry.key),
      detail:
        'no prediction: the reference run has no schedule to replay (a command target without one, or the run failed), so every configuration is measured as in an adaptive search',
    });
    return unmeasured.length > 0;
  }
  const predictedMs = new Map(
    prediction.configurations.map((c) => [configKey(c as Configuration), c.predictedMs] as const),
  );
  const onList = live.filter((entry) => predictedMs.has(entry.key));
  const best = onList.reduce((a, b) => (predictedMs.get(b.key)! < predictedMs.get(a.key)! ? b : a));
  const bestMs = predictedMs.get(best.key)!;
  const tolerance = race.matrix.recommendation.tolerance;
  const contenders = onList.filter(
    (entry) => entry.planned > 0 || isIndistinguishable(predictedMs.get(entry.key)!, bestMs, tolerance),
  );
  const offList = prediction.configurations.reduce((a, b) => (b.predictedMs < a.predictedMs ? b : a));
  const offListNote = race.entries.has(configKey(offList as Configuration))
    ? ''
    : `; the fastest predicted at any count 1–16 is t${offList.threads}-${offList.mode} (${formatMs(offList.predictedMs)}), not in the matrix`;
  const joining = contenders.filter((entry) => entry.planned === 0).length;
  // The budget holds from here: the probes are all a predicted search must run. What it cannot
  // measure stays in the race unmeasured, an open question the stop names.
  const left = Math.max(0, race.budgetRuns - race.plannedRuns);
  const next = rankUnmeasured(contenders, predictedMs, best.key, tolerance).slice(0, left);
  const capped =
    next.length < joining
      ? `; the budget of ${race.budgetRuns} runs (${race.plannedRuns} used) measures ${next.length} of them next, the most telling first`
      : '';
  race.decisions.push({
    kind: 'predict',
    round,
    calibration: prediction.calibration,
    predictions: onList.map((entry) => ({ config: entry.key, predictedMs: predictedMs.get(entry.key)! })),
    contenders: contenders.map((entry) => entry.key),
    detail: `the reference run's schedule, calibrated on ${prediction.calibration.fittedOn.join(' and ')}, predicts ${best.key} fastest (${formatMs(bestMs)}); ${joining} configuration(s) within the ${Math.round(tolerance * 100)}% tolerance and the ${Math.round(PREDICTION_MARGIN * 100)}% margin of it join the probes in the race (measured configurations are judged on their runs)${capped}${offListNote}`,
  });
  for (const entry of onList) {
    // (A measured configuration is a contender: its own runs, not a prediction, decide about it.)
    if (contenders.includes(entry)) continue;
    const ms = predictedMs.get(entry.key)!;
    dropEntry(race, entry, round, 'predicted', {
      samples: race.byRound.get(entry.key)?.size ?? 0,
      against: best.key,
      paired: null,
      detail: `predicted ${formatMs(ms)}, ${Math.round((ms / bestMs - 1) * 100)}% slower than the predicted best ${best.key} (${formatMs(bestMs)}): beyond the ${Math.round(tolerance * 100)}% tolerance and the ${Math.round(PREDICTION_MARGIN * 100)}% margin of the prediction`,
    });
  }
  race.questioned = new Set(next.map((entry) => entry.key));
  return next.length > 0;
}

/**
 * The unmeasured contenders, most telling first: the recommendation the rule would make on the
 * predicted times, then the predicted best, then the rest from the fastest predicted.
 */
function rankUnmeasured(
  contenders: readonly RaceEntry[],
  predictedMs: ReadonlyMap<string, number>,
  bestKey: string,
  tolerance: number,
): RaceEntry[] {
  const ranked = contenders.map((entry) => ({
    ...entry.config,
    key: entry.key,
    medianMs: predictedMs.get(entry.key)!,
  }));
  const best = ranked.find((c) => c.key === bestKey)!;
  const recommendedKey = chooseRecommended(ranked, best, tolerance).config.key;
  const priority = (entry: RaceEntry): number => (entry.key === recommendedKey ? 0 : entry.key === bestKey ? 1 : 2);
  return contenders
    .filter((entry) => entry.planned === 0)
    .sort(
      (a, b) =>
        priority(a) - priority(b) || predictedMs.get(a.key)! - predictedMs.get(b.key)! || a.key.localeCompare(b.key),
    );
}

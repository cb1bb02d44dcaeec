// Model-guided additions: fit the scaling model (USL) to each mode's measured speedups as rounds
// finish, and when it predicts its peak at a thread count that is not in the race, faster than the
// best measured by more than the tolerance (so the recommendation would move), add it. At most
// SEARCH_LIMITS.maxAdditions, one per round.
import { formatMs } from '../core/format.js';
import { fitScalingModel } from '../analysis/scaling-model.js';
import { configKey, MAX_THREADS, MIN_THREADS } from '../matrix/types.js';
import { SEARCH_LIMITS } from './race-statistics.js';
import { addEntry, type Race, type RaceEntry, type Standing } from './race.js';

/** The thread count of the highest predicted speedup (the first, if several tie), within 1..16. */
function findPredictedPeak(predicted: readonly { threads: number; speedup: number }[]): {
  threads: number;
  speedup: number;
} {
  return predicted
    .filter((p) => p.threads >= MIN_THREADS && p.threads <= MAX_THREADS)
    .reduce((top, p) => (p.speedup > top.speedup ? p : top));
}

/** Adds the model's predicted peak of one mode to the race when it would be the new best; returns it, or null. */
export function proposeAddition(race: Race, round: number, standing: Standing): RaceEntry | null {
  if (race.additions >= SEARCH_LIMITS.maxAdditions || round < SEARCH_LIMITS.modelRound) return null;
  // A predicted search has predicted every count 1–16 already (its predict decision names an off-list peak).
  if (race.matrix.search?.strategy === 'predicted') return null;
  const tolerance = race.matrix.recommendation.tolerance;
  const { best } = standing;
  for (const mode of race.matrix.modes) {
    // Only a mode still in the race: one with a live configuration.
    if (![...race.entries.values()].some((e) => e.live && e.config.mode === mode)) continue;
    const measured = standing.eligible.filter((s) => s.mode === mode);
    const base = measured.find((s) => s.threads === 1);
    if (!base) continue;
    const model = fitScalingModel(
      measured.map((s) => ({ threads: s.threads, speedup: base.medianMs / s.medianMs })),
      mode,
    );
    if (model?.law !== 'usl' || model.r2 < SEARCH_LIMITS.minModelR2) continue;
    const peak = findPredictedPeak(model.predicted);
    if (race.entries.has(configKey({ threads: peak.threads, mode }))) continue;
    const predictedMs = base.medianMs / peak.speedup;
    // Worth runs only when it would be the new best by more than the tolerance: then it moves the
    // recommendation. A flat peak within the tolerance would change nothing the rule reads.
    if (predictedMs * (1 + tolerance) >= best.medianMs) continue;
    race.additions += 1;
    const entry = addEntry(race.entries, { threads: peak.threads, mode }, round);
    race.decisions.push({
      kind: 'add',
      round,
      config: entry.key,
      threads: peak.threads,
      mode,
      model: { sigma: model.sigma, kappa: model.kappa, r2: model.r2, predictedSpeedup: peak.speedup },
      detail: `the USL fit of ${mode} (σ ${model.sigma.toFixed(3)}, κ ${model.kappa.toFixed(4)}, r² ${model.r2.toFixed(2)}) predicts its peak at ${peak.threads} threads, not in the list: speedup ×${peak.speedup.toFixed(2)}, about ${formatMs(predictedMs)} — faster than the best measured (${best.key}, ${formatMs(best.medianMs)}) by more than the tolerance`,
    });
    return entry;
  }
  return null;
}

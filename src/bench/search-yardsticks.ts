// The yardsticks of `npm run bench:search` beside the literal one (agreement with one noisy exhaustive
// run, whose ceiling is how often two exhaustive runs agree): the "true" recommendation, the report's
// rule applied to the noise-free curves, and the regret of a pick, its true time over the true best's.
import { chooseRecommended, type RankedConfiguration } from '../analysis/recommendation.js';
import { listConfigurations } from '../matrix/plan.js';
import { configKey, type Configuration } from '../matrix/types.js';
import type { TuningCase } from './synthetic-tuning.js';

/** `t4-aggressive` → { threads: 4, mode: 'aggressive' }. */
export function parseConfigKey(key: string): Configuration {
  const [, threads, mode] = /^t(\d+)-(\w+)$/.exec(key)!;
  return { threads: Number(threads), mode: mode as Configuration['mode'] };
}

/** The list's configurations at their true times, as the rule reads them. */
function rankTruly(
  tuning: TuningCase & { trueMs: NonNullable<TuningCase['trueMs']> },
): (RankedConfiguration & { key: string })[] {
  return listConfigurations(tuning.matrix).map((config) => {
    const ms = tuning.trueMs(config);
    return { ...config, key: configKey(config), medianMs: ms };
  });
}

/**
 * The true recommendation: chooseRecommended on the noise-free curves of the matrix's own list (the
 * smallest thread count whose true time is within the tolerance of the true best, modes ranked as the
 * rule ranks them). A count the model added is not in the list, so a pick of one never matches it; its
 * merit shows in the regret. Null for a case without a known truth (a recorded run).
 */
export function findTrueRecommendation(tuning: TuningCase): string | null {
  if (!tuning.trueMs) return null;
  const ranked = rankTruly({ ...tuning, trueMs: tuning.trueMs });
  const best = ranked.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  return chooseRecommended(ranked, best, tuning.matrix.recommendation.tolerance).config.key;
}

/**
 * The regret of a pick: its true time over the true best of the list, minus 1 (0.08: 8% slower than
 * the fastest listed configuration truly is). Negative for an added count faster than every listed
 * one. Null without a truth or a pick.
 */
export function computeRegret(tuning: TuningCase, key: string | null): number | null {
  if (!tuning.trueMs || key === null) return null;
  const bestMs = Math.min(...listConfigurations(tuning.matrix).map((config) => tuning.trueMs!(config)));
  return tuning.trueMs(parseConfigKey(key)) / bestMs - 1;
}

/**
 * True when a pick's true time is within the tolerance of the truly fastest configuration `tried`
 * (either plan's, added counts included: the one yardstick that judges an added count fairly). Null
 * without a truth or a pick.
 */
export function isNearOptimal(tuning: TuningCase, key: string | null, tried: readonly string[]): boolean | null {
  if (!tuning.trueMs || key === null) return null;
  const best = Math.min(...tried.map((k) => tuning.trueMs!(parseConfigKey(k))));
  return tuning.trueMs(parseConfigKey(key)) <= best * (1 + tuning.matrix.recommendation.tolerance);
}

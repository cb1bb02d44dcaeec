// The yardsticks of bench:search: the rule on the noise-free curves, and the regret of a pick.
import { describe, expect, it } from 'vitest';
import type { TuningCase } from '../../src/bench/synthetic-tuning.js';
import { computeRegret, findTrueRecommendation, isNearOptimal } from '../../src/bench/search-yardsticks.js';
import { configKey } from '../../src/matrix/types.js';
import { buildSearchMatrix } from '../search/helpers.js';

/** A case over threads 1/2/4 × selective/aggressive with the given true times (ms); never sampled. */
function buildCase(trueMs: Record<string, number> | null): TuningCase {
  return {
    label: 'yardstick',
    matrix: buildSearchMatrix([1, 2, 4], { modes: ['selective', 'aggressive'] }),
    sample: () => null,
    ...(trueMs ? { trueMs: (config) => trueMs[configKey(config)]! } : {}),
  };
}

const curves = {
  't1-selective': 10_000,
  't2-selective': 6_000,
  't4-selective': 5_100,
  't1-aggressive': 10_000,
  't2-aggressive': 5_200,
  't4-aggressive': 5_000,
};

describe('true recommendation', () => {
  it("is the smallest thread count within the tolerance of the true best, in the best's mode first", () => {
    // t2-aggressive is 4% slower than the best (t4-aggressive); t2-selective 20%.
    expect(findTrueRecommendation(buildCase(curves))).toBe('t2-aggressive');
  });

  it('is the best itself when no smaller count comes within the tolerance', () => {
    expect(findTrueRecommendation(buildCase({ ...curves, 't2-aggressive': 5_300 }))).toBe('t4-aggressive');
  });

  it("ranks the best's mode before the others at the same thread count", () => {
    // Both 4-thread configurations are within 5% of the best, t4-aggressive: its mode goes first,
    // although selective ranks before aggressive otherwise.
    expect(findTrueRecommendation(buildCase({ ...curves, 't2-aggressive': 6_000 }))).toBe('t4-aggressive');
  });

  it('is unknown for a case without true curves (a recorded run)', () => {
    expect(findTrueRecommendation(buildCase(null))).toBeNull();
  });
});

describe('regret', () => {
  it("is the pick's true time over the true best of the list, minus 1", () => {
    const tuning = buildCase(curves);
    expect(computeRegret(tuning, 't4-aggressive'), 'the best').toBe(0);
    expect(computeRegret(tuning, 't2-aggressive'), '4% slower').toBeCloseTo(0.04, 12);
    expect(computeRegret(tuning, 't1-selective'), 'twice as slow').toBeCloseTo(1, 12);
  });

  it('is negative for an added count faster than every listed one, and null without a pick or a truth', () => {
    const tuning = buildCase({ ...curves, 't8-aggressive': 4_500 });
    expect(computeRegret(tuning, 't8-aggressive'), 'added, 10% faster').toBeCloseTo(-0.1, 12);
    expect(computeRegret(tuning, null), 'no pick').toBeNull();
    expect(computeRegret(buildCase(null), 't4-aggressive'), 'no truth').toBeNull();
  });
});

describe('near optimal', () => {
  it('is a pick within the tolerance of the truly fastest configuration tried, added counts included', () => {
    const tried = ['t1-aggressive', 't2-aggressive', 't4-aggressive'];
    expect(isNearOptimal(buildCase(curves), 't2-aggressive', tried), '5,200 within 5% of 5,000').toBe(true);
    expect(isNearOptimal(buildCase(curves), 't2-selective', tried), '6,000 is 20% slower').toBe(false);
    // An added count faster than every listed one sets the bar: t4-aggressive is 25% slower than it.
    const withAdded = { ...curves, 't8-aggressive': 4_000 };
    expect(
      isNearOptimal(buildCase(withAdded), 't4-aggressive', [...tried, 't8-aggressive']),
      'against the added count',
    ).toBe(false);
  });

  it('is unknown without a truth or a pick', () => {
    expect(isNearOptimal(buildCase(null), 't2-aggressive', ['t2-aggressive'])).toBeNull();
    expect(isNearOptimal(buildCase(curves), null, ['t2-aggressive'])).toBeNull();
  });
});

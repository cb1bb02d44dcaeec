// The search's decisions, from wall times given exactly: who is dropped after which round and why,
// who stays, when the budget stops it, and when the scaling model adds a thread count.
import { describe, expect, it } from 'vitest';
import { predictSpeedup } from '../../src/analysis/scaling-model.js';
import { quantileNormal, quantileT, SEARCH_LIMITS } from '../../src/search/race-statistics.js';
import { buildSearchMatrix, constantTimes, decisionsOf, replayToEnd } from './helpers.js';

describe('quantiles', () => {
  it('match the normal and t tables', () => {
    expect(quantileNormal(0.99), 'z 0.99').toBeCloseTo(2.326348, 5);
    expect(quantileNormal(0.0125), 'z 0.0125').toBeCloseTo(-2.241403, 5);
    expect(quantileT(0.99, 4), 'ν = 4 (table 3.747)').toBeCloseTo(3.747, 1);
    expect(quantileT(0.99, 10), 'ν = 10 (table 2.764)').toBeCloseTo(2.764, 2);
    expect(quantileT(0.99, 30), 'ν = 30 (table 2.457)').toBeCloseTo(2.457, 2);
    expect(quantileT(0.95, 4), 'ν = 4 at 95% (table 2.132)').toBeCloseTo(2.132, 2);
    expect(quantileT(0.95, 10), 'ν = 10 at 95% (table 1.812)').toBeCloseTo(1.812, 2);
  });
});

describe('racing', () => {
  const matrix = buildSearchMatrix([1, 2, 4]);
  const times = constantTimes({ 't1-aggressive': 20_000, 't2-aggressive': 10_000, 't4-aggressive': 10_100 });

  it('drops a configuration twice as slow as the best after one round, with the paired figures', () => {
    const { state } = replayToEnd(matrix, times);
    const [drop, ...others] = decisionsOf(state, 'drop');
    expect(others, 'only one drop').toEqual([]);
    expect(drop!.config, 'dropped').toBe('t1-aggressive');
    expect(drop!.round, 'after round 1 (minimum samples: 1)').toBe(SEARCH_LIMITS.minSamples);
    expect(drop!.reason, 'reason').toBe('slower');
    expect(drop!.against, 'compared with the best').toBe('t2-aggressive');
    // One pair, no measured noise yet: the prior alone, √2 × 5% per run, with 4 degrees of freedom.
    const margin = quantileT(SEARCH_LIMITS.confidence, 4) * Math.sqrt(2 * 0.05 ** 2);
    expect(drop!.paired!.ratio, 'paired ratio').toBeCloseTo(2, 10);
    expect(drop!.paired!.low, 'lower bound').toBeCloseTo(2 * Math.exp(-margin), 10);
    expect(drop!.paired!.pairs, 'pairs').toBe(1);
  });

  it('keeps a configuration within the tolerance of the best, recommends the smaller one, and stops once the pairs prove it within the tolerance', () => {
    const { state, records } = replayToEnd(matrix, times);
    const stop = decisionsOf(state, 'stop')[0]!;
    const t4 = state.fates.find((f) => f.config === 't4-aggressive')!;
    expect(t4.fate, 't4 (1% slower) is never dropped').not.toBe('dropped');
    expect(stop.recommended, 'recommended').toBe('t2-aggressive');
    // Decided when t2 would still qualify if t4 became the best: the upper bound of t2/t4 (×0.990, no
    // spread) at most ×1.05. The noise is the prior (4 degrees of freedom) plus pairs − 1 measured ones of zero spread.
    const upperBound = (pairs: number): number => {
      const df = SEARCH_LIMITS.priorDegreesOfFreedom + pairs - 1;
      const sd = Math.sqrt((SEARCH_LIMITS.priorDegreesOfFreedom * 2 * SEARCH_LIMITS.priorNoise ** 2) / df);
      return (10_000 / 10_100) * Math.exp((quantileT(SEARCH_LIMITS.confidence, df) * sd) / Math.sqrt(pairs));
    };
    expect(upperBound(3), 'three pairs do not prove it').toBeGreaterThan(1.05);
    expect(upperBound(4), 'four pairs do').toBeLessThanOrEqual(1.05);
    expect([stop.reason, stop.round], 'decided after round 4').toEqual(['decided', 4]);
    expect(
      records.map((r) => r.id).filter((id) => id.startsWith('t1-')),
      't1 ran once',
    ).toEqual(['t1-aggressive-r1']);
    expect(records.length, 'runs: 3 in round 1, then t2 and t4 three more times').toBe(3 + 2 * 3);
    expect(state.exhaustiveRuns, 'exhaustive runs').toBe(15);
  });

  it('runs every repetition of the best and the recommended one when the recommended one is never surely within the tolerance', () => {
    // t2 is 4% slower than t4, with no spread: within the 5% tolerance, but ×1.04 times the prior's margin stays above ×1.05.
    const { state, records } = replayToEnd(
      matrix,
      constantTimes({ 't1-aggressive': 20_000, 't2-aggressive': 10_400, 't4-aggressive': 10_000 }),
    );
    const stop = decisionsOf(state, 'stop')[0]!;
    expect([stop.reason, stop.round, stop.recommended], 'complete after round 5').toEqual([
      'complete',
      5,
      't2-aggressive',
    ]);
    expect(stop.detail, 'what stayed undecided').toContain(
      't2-aggressive is not yet surely within the tolerance of the best (t4-aggressive)',
    );
    expect(records.length, 'runs: 3 in round 1, then t2 and t4 four more times').toBe(3 + 2 * 4);
  });

  it('stops when the next round would exceed the budget', () => {
    const { state, records } = replayToEnd(buildSearchMatrix([1, 2, 4], { budget: 5 }), times);
    const stop = decisionsOf(state, 'stop')[0]!;
    expect(stop.reason, 'stop reason').toBe('budget');
    expect(stop.round, 'after round 2').toBe(2);
    expect(records.length, 'runs used').toBe(5);
    expect(stop.recommended, 'the rule on what was measured').toBe('t2-aggressive');
  });

  it('decides at once when one configuration is far ahead of all others', () => {
    const { state, records } = replayToEnd(
      buildSearchMatrix([1, 2, 4]),
      constantTimes({ 't1-aggressive': 30_000, 't2-aggressive': 10_000, 't4-aggressive': 20_000 }),
    );
    const stop = decisionsOf(state, 'stop')[0]!;
    expect([stop.reason, stop.round, stop.recommended], 'decided after round 1').toEqual([
      'decided',
      1,
      't2-aggressive',
    ]);
    expect(
      decisionsOf(state, 'drop').map((d) => d.config),
      'both others dropped',
    ).toEqual(['t1-aggressive', 't4-aggressive']);
    expect(records.length, 'one round').toBe(3);
  });

  it('drops a smaller count 40% slower than the best after one round, with no regard to the outliers later runs may bring', () => {
    // Under the old rule ("or the intervals overlap") t2 stayed while the best's later runs could still
    // spread its range over t2's, and t4's outlier in round 2 (+60%) would then have made t2 the
    // recommendation; medians alone let the paired test decide at once.
    const outlier = (config: { threads: number }, k: number): number =>
      config.threads === 4 ? (k === 2 ? 16_000 : 10_000) : config.threads === 2 ? 14_000 : 30_000;
    const { state, records } = replayToEnd(buildSearchMatrix([1, 2, 4]), outlier);
    const stop = decisionsOf(state, 'stop')[0]!;
    expect(
      decisionsOf(state, 'drop').map((d) => `${d.config} ${d.reason} after round ${d.round}`),
      'both smaller counts dropped as slower',
    ).toEqual(['t1-aggressive slower after round 1', 't2-aggressive slower after round 1']);
    expect([stop.reason, stop.round, stop.recommended], 'decided after round 1: the best').toEqual([
      'decided',
      1,
      't4-aggressive',
    ]);
    expect(records.length, 'one round').toBe(3);
  });

  it("drops a configuration over the memory budget, as the report's rule excludes it, and races the rest", () => {
    // t4 is the fastest (by 25%) but peaks at 3 GiB; the budget is 25% of an 8 GiB machine (2 GiB).
    const budgeted = { ...matrix, recommendation: { tolerance: 0.05, memoryBudget: { fraction: 0.25 } } };
    const fastT4 = constantTimes({ 't1-aggressive': 20_000, 't2-aggressive': 10_000, 't4-aggressive': 8_000 });
    const memory = {
      machineBytes: 8 * 2 ** 30,
      peakRssBytes: (config: { threads: number }) => (config.threads === 4 ? 3 * 2 ** 30 : 2 ** 30),
    };
    expect(
      decisionsOf(replayToEnd(budgeted, fastT4).state, 'stop')[0]!.recommended,
      "without the machine's memory, no budget: t4",
    ).toBe('t4-aggressive');
    const { state, records } = replayToEnd(budgeted, fastT4, memory);
    const drop = decisionsOf(state, 'drop').find((d) => d.config === 't4-aggressive')!;
    expect([drop.reason, drop.round], 'dropped after round 1').toEqual(['memory', 1]);
    expect(drop.detail, 'names the peak and the budget').toBe(
      'its peak memory 3.0 GiB exceeds the budget 2.0 GiB (25% of 8.0 GiB), so it cannot be recommended',
    );
    expect(decisionsOf(state, 'stop')[0]!.recommended, 'the fastest within the budget').toBe('t2-aggressive');
    expect(records.filter((r) => r.threads === 4).length, 't4 ran once').toBe(1);
  });

  it('drops a configuration whose runs crash, and never runs it again', () => {
    const { state, records } = replayToEnd(matrix, (config, k) => (config.threads === 4 ? null : times(config, k)));
    const drop = decisionsOf(state, 'drop').find((d) => d.config === 't4-aggressive')!;
    expect([drop.reason, drop.round], 'dropped as failed after round 1').toEqual(['failed', 1]);
    expect(records.filter((r) => r.threads === 4).length, 'ran once').toBe(1);
  });

  it('runs one warmup, of the reference configuration, before round 1', () => {
    const { state, records } = replayToEnd(buildSearchMatrix([1, 2, 4], { warmup: 2 }), times);
    expect(
      records.filter((r) => r.warmup).map((r) => r.id),
      'warmups',
    ).toEqual(['t1-aggressive-w1']);
    expect(decisionsOf(state, 'round')[0], 'round 0').toEqual({ kind: 'round', round: 0, runs: ['t1-aggressive-w1'] });
    expect(state.exhaustiveRuns, 'exhaustive runs count the warmups').toBe(3 * (2 + 5));
  });
});

describe('model-guided additions', () => {
  // σ = 0.02, κ = 0.005: speedups 1.96 (2), 3.57 (4) … 6.45 at 14, the peak, not in the list.
  const timeOf = (config: { threads: number }) => 10_000 / predictSpeedup(config.threads, 0.02, 0.005);

  it('adds the peak the USL predicts beyond the tested counts when it would beat the best by more than the tolerance', () => {
    const { state, records } = replayToEnd(buildSearchMatrix([1, 2, 4]), timeOf);
    const [added, ...more] = decisionsOf(state, 'add');
    expect(more, 'one addition').toEqual([]);
    expect([added!.config, added!.round], 'added after round 1').toEqual(['t14-aggressive', 1]);
    expect(added!.model.predictedSpeedup, 'predicted speedup at 14').toBeCloseTo(predictSpeedup(14, 0.02, 0.005), 2);
    expect(added!.detail, 'why').toContain('predicts its peak at 14 threads, not in the list');
    expect(
      records.some((r) => r.id === 't14-aggressive-r1'),
      't14 ran',
    ).toBe(true);
    expect(
      state.fates.find((f) => f.config === 't14-aggressive')!.addedAfterRound,
      'its fate records the addition',
    ).toBe(1);
    expect(decisionsOf(state, 'stop')[0]!.recommended, 'the added count is recommended').toBe('t14-aggressive');
  });

  it('adds nothing when the predicted peak is within the tolerance of the best measured', () => {
    // σ = 0.05, κ = 0.02 peaks at 7 (×3.27), 1% above 8 (×3.24): not worth runs.
    const { state } = replayToEnd(
      buildSearchMatrix([1, 2, 4, 8]),
      (config) => 10_000 / predictSpeedup(config.threads, 0.05, 0.02),
    );
    expect(decisionsOf(state, 'add'), 'no addition').toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { minimumPValue, testMannWhitney } from '../../src/analysis/mann-whitney.js';
import { comparePerformance } from '../../src/analysis/regression.js';

describe('Mann-Whitney U', () => {
  it('exact p for separated samples and normal approximation with ties', () => {
    const exact = testMannWhitney([1, 2, 3, 4], [5, 6, 7, 8]);
    expect(exact.method, 'no ties: exact').toBe('exact');
    expect(exact.u, 'U').toBe(0);
    expect(exact.pValue, '2 / C(8,4) = 2/70').toBeCloseTo(2 / 70, 12);
    expect(minimumPValue(6, 6), '2 / 924').toBeCloseTo(2 / 924, 12);
    const tied = testMannWhitney([1, 1, 2, 2, 3], [2, 3, 3, 4, 4]);
    expect(tied.method, 'ties: normal').toBe('normal');
    expect(tied.pValue > 0.05 && tied.pValue < 0.2, `p ${tied.pValue} in (0.05, 0.2)`).toBe(true);
  });
});

describe('comparePerformance', () => {
  it('10% slower with 3 overlapping samples is not a regression', () => {
    const [c] = comparePerformance(
      [{ key: 't1-selective', samplesMs: [100, 95, 110] }],
      [{ key: 't1-selective', samplesMs: [110, 104, 121] }],
    );
    expect(c!.rule, 'rule').toBe('intervals');
    expect(c!.ratio, 'ratio').toBeCloseTo(1.1, 12);
    expect(c!.verdict, 'verdict').toBe('unchanged');
    expect(c!.pValue, 'no rank test').toBeNull();
  });

  it('30% slower with 8 tight samples is a regression with p reported', () => {
    const base = [100, 101, 99, 100, 102, 98, 100, 101];
    const [c] = comparePerformance(
      [{ key: 'k', samplesMs: base }],
      [{ key: 'k', samplesMs: base.map((x) => x * 1.3) }],
    );
    expect(c!.rule, 'rule').toBe('rank-test');
    expect(c!.verdict, 'verdict').toBe('regression');
    expect(c!.pValue, 'fully separated 8 vs 8, ties inside sides: normal approx').toBeLessThan(0.002);
    expect(c!.message, 'message names p').toContain('Mann-Whitney p =');
  });

  it('falls back to the interval rule when ties keep the rank test from reaching the level', () => {
    const baseline = [100, 100, 101, 101, 102, 102, 103, 103];
    const current = [180, 180, 181, 181, 182, 182];
    const [result] = comparePerformance([{ key: 'k', samplesMs: baseline }], [{ key: 'k', samplesMs: current }]);
    expect(result!.rule, 'rule').toBe('intervals');
    expect(result!.verdict, 'an 80% slowdown is flagged').toBe('regression');
  });

  it('improvements are symmetric; too few samples and missing keys are said', () => {
    const results = comparePerformance(
      [
        { key: 'a', samplesMs: [130, 131, 129] },
        { key: 'b', samplesMs: [100] },
        { key: 'c', samplesMs: [100, 100, 100] },
      ],
      [
        { key: 'a', samplesMs: [100, 101, 99] },
        { key: 'b', samplesMs: [200] },
      ],
    );
    expect(
      results.map((r) => r.verdict),
      'verdicts',
    ).toEqual(['improvement', 'insufficient-data', 'insufficient-data']);
    expect(results[1]!.rule, 'b rule').toBe('too-few-samples');
    expect(results[1]!.message, 'b says so').toContain('too few samples');
    expect(results[2]!.rule, 'c rule').toBe('missing');
  });
});

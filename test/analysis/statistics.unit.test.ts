import { describe, expect, it } from 'vitest';
import { bootstrapMedian, bootstrapMedianRatio } from '../../src/analysis/bootstrap.js';
import { computeModifiedZScores, findOutliers, summarizeSample } from '../../src/analysis/statistics.js';

describe('statistics', () => {
  it('summarizes median, MAD, min and max', () => {
    const s = summarizeSample([10, 12, 11, 30, 13]);
    expect(s.median, 'median').toBe(12);
    expect(s.mad, 'MAD of |x-12| = [2,0,1,18,1]').toBe(1);
    expect(s.min, 'min').toBe(10);
    expect(s.max, 'max').toBe(30);
    expect(s.outliers, '30 has M = 0.6745*18/1 = 12.1 > 3.5').toEqual([3]);
  });

  it('flags by modified z-score and guards MAD = 0', () => {
    expect(computeModifiedZScores([1, 2, 3, 4, 5])[4], 'M of 5: 0.6745*2/1').toBeCloseTo(1.349, 3);
    expect(findOutliers([100, 100, 100, 100, 140]), 'MAD = 0: the lone deviant is flagged').toEqual([4]);
    expect(findOutliers([100, 100, 100, 100]), 'MAD = 0, all equal: nothing flagged').toEqual([]);
    expect(findOutliers([100, 101, 102, 103, 104]), 'no outlier in a tidy sample').toEqual([]);
  });

  it('bootstrap interval is reproducible for a seed and brackets the median', () => {
    const data = [98, 101, 103, 99, 100, 104, 97, 102];
    const a = bootstrapMedian(data, { seed: 7 });
    const b = bootstrapMedian(data, { seed: 7 });
    expect(a, 'same seed, same interval').toEqual(b);
    expect(a.value, 'median').toBe(100.5);
    expect(a.low <= 100.5 && a.high >= 100.5, 'interval contains the median').toBe(true);
    expect(a.low >= 97 && a.high <= 104, 'interval within the data range').toBe(true);
    const c = bootstrapMedian(data, { seed: 8 });
    expect(c.value, 'value does not depend on the seed').toBe(100.5);
    const ratio = bootstrapMedianRatio([200, 200, 200], [100, 100, 100]);
    expect(ratio, 'noise-free ratio is exact').toEqual({ value: 2, low: 2, high: 2 });
  });
});

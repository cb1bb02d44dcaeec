// The detector on series whose truth is known: a step is found at its commit with its size, noise
// alone and a single outlier are not changes, and the same series always gives the same answer.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/prng.js';
import { detectChangePoints, segmentLevels } from '../../src/history/change-points.js';
import { tQuantile, twoSidedPValue, welchTTest } from '../../src/history/student-t.js';

/** Gaussian noise (Box–Muller) around `level(i)` with coefficient of variation `cv`. */
function series(length: number, level: (i: number) => number, cv: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length }, (_, i) => {
    const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return level(i) * (1 + cv * gauss);
  });
}

describe('Student t', () => {
  it('matches tabulated two-sided p-values and quantiles', () => {
    expect(twoSidedPValue(2.228, 10), 't=2.228, df=10').toBeCloseTo(0.05, 3);
    expect(twoSidedPValue(1.96, 1e6), 'normal limit').toBeCloseTo(0.05, 3);
    expect(twoSidedPValue(0, 5), 't=0').toBeCloseTo(1, 10);
    expect(tQuantile(0.025, 20), 't_0.975,20').toBeCloseTo(2.086, 3);
  });
  it("gives Welch's statistic for two samples", () => {
    const test = welchTTest({ n: 5, mean: 10, sumSquares: 4 }, { n: 5, mean: 12, sumSquares: 4 });
    expect(test.t, 't').toBeCloseTo(2 / Math.sqrt(0.2 + 0.2), 10);
    expect(test.degreesOfFreedom, 'df').toBeCloseTo(8, 10);
  });
});

describe('detectChangePoints', () => {
  it('finds a 5% step in 2% noise at its commit, with its size inside the interval', () => {
    const values = series(120, (i) => (i < 70 ? 100 : 105), 0.02, 7);
    const changes = detectChangePoints(values);
    expect(
      changes.map((c) => c.index),
      'change indices',
    ).toEqual([70]);
    const [change] = changes;
    expect(change!.interval.low, 'interval low').toBeLessThan(0.05);
    expect(change!.interval.high, 'interval high').toBeGreaterThan(0.05);
    expect(change!.pValue, 'p-value').toBeLessThan(1e-6);
  });

  it('finds two steps and gives one level per segment', () => {
    const values = series(150, (i) => (i < 50 ? 100 : i < 100 ? 120 : 90), 0.02, 11);
    const changes = detectChangePoints(values);
    expect(
      changes.map((c) => c.index),
      'change indices',
    ).toEqual([50, 100]);
    expect(
      segmentLevels(values, changes).map((s) => [s.start, s.end]),
      'segments',
    ).toEqual([
      [0, 50],
      [50, 100],
      [100, 150],
    ]);
  });

  it('finds a step three commits before the end (the minimum segment)', () => {
    const values = series(60, (i) => (i < 57 ? 100 : 115), 0.02, 3);
    expect(
      detectChangePoints(values).map((c) => c.index),
      'change indices',
    ).toEqual([57]);
  });

  it('does not call noise or one outlier a change', () => {
    const values = series(300, () => 100, 0.05, 5);
    values[150] = 160;
    values[299] = 170;
    expect(detectChangePoints(values), 'changes in noise').toEqual([]);
  });

  it('gives the same answer every time', () => {
    const values = series(200, (i) => (i < 120 ? 100 : 103), 0.03, 9);
    expect(detectChangePoints(values), 'second call').toEqual(detectChangePoints(values));
  });

  it('handles flat and too-short series', () => {
    expect(detectChangePoints([1, 1, 1, 1, 1, 1, 1, 1]), 'flat').toEqual([]);
    expect(detectChangePoints([1, 2]), 'too short').toEqual([]);
    expect(
      detectChangePoints([1, 1, 1, 1, 2, 2, 2, 2]).map((c) => c.index),
      'exact step',
    ).toEqual([4]);
  });
});

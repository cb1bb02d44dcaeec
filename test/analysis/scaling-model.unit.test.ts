import { describe, expect, it } from 'vitest';
import { fitScalingModel, predictSpeedup } from '../../src/analysis/scaling-model.js';

const counts = [1, 2, 4, 8, 16];

describe('fitScalingModel', () => {
  it('recovers sigma and kappa of a USL curve and its peak', () => {
    const points = counts.map((threads) => ({ threads, speedup: predictSpeedup(threads, 0.05, 0.01) }));
    const model = fitScalingModel(points, 'selective')!;
    expect(model.law, 'law').toBe('usl');
    expect(model.sigma, 'sigma').toBeCloseTo(0.05, 6);
    expect(model.kappa, 'kappa').toBeCloseTo(0.01, 6);
    expect(model.peakThreads, 'floor(sqrt(0.95/0.01)) = 9').toBe(9);
    expect(model.r2, 'r2').toBeCloseTo(1, 9);
    expect(model.predicted.length, 'predicted 1..16').toBe(16);
  });

  it('falls back to Amdahl when kappa is 0 or only two thread counts', () => {
    const amdahl = counts.map((threads) => ({ threads, speedup: predictSpeedup(threads, 0.1, 0) }));
    const model = fitScalingModel(amdahl, 'sequential')!;
    expect(model.law, 'kappa fits as 0').toBe('amdahl');
    expect(model.sigma, 'sigma').toBeCloseTo(0.1, 6);
    expect(model.peakThreads, 'still rising: 16').toBe(16);
    const two = fitScalingModel(
      [
        { threads: 1, speedup: 1 },
        { threads: 4, speedup: 2 },
      ],
      'sequential',
    )!;
    expect(two.law, 'two points').toBe('amdahl');
    expect(two.sigma, '4/2 - 1 = 3 sigma').toBeCloseTo(1 / 3, 6);
  });

  it('a flat curve has sigma 1 and its peak at 1 thread', () => {
    const model = fitScalingModel(
      counts.map((threads) => ({ threads, speedup: 1 })),
      'aggressive',
    )!;
    expect(model.sigma, 'sigma').toBeCloseTo(1, 6);
    expect(model.kappa, 'kappa').toBe(0);
    expect(model.peakThreads, 'peak').toBe(1);
    expect(fitScalingModel([{ threads: 1, speedup: 1 }], 'aggressive'), 'one point: no model').toBeNull();
  });
});

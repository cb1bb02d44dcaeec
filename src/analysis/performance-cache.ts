// Bootstrap intervals remembered between report rebuilds. While a matrix runs, each new run adds a
// sample to one configuration (and, for a 1-thread run, changes its mode's speedups); the other
// intervals are the same numbers from the same samples and seed, so they are taken from here
// instead of being resampled 10,000 times again. One entry per interval name: bounded by the number
// of configurations, not by the number of runs.
import type { Estimate } from './types.js';

/** A memo of bootstrap intervals by name, valid while the samples behind a name stay the same. */
export interface PerformanceCache {
  /** The interval `name` of `samples`: remembered if the samples are unchanged, else computed and remembered. */
  estimate(name: string, samples: readonly (readonly number[])[], compute: () => Estimate): Estimate;
}

export function createPerformanceCache(): PerformanceCache {
  const entries = new Map<string, { fingerprint: string; estimate: Estimate }>();
  return {
    estimate(name, samples, compute) {
      const fingerprint = samples.map((sample) => sample.join(',')).join('|');
      const entry = entries.get(name);
      if (entry?.fingerprint === fingerprint) return entry.estimate;
      const estimate = compute();
      entries.set(name, { fingerprint, estimate });
      return estimate;
    },
  };
}

// Seeded percentile-bootstrap intervals of a median and of a ratio of medians.
//
// Method: draw `resamples` samples of the same size with replacement from the data (mulberry32,
// seeded), take each resample's median, and report the (1−level)/2 and (1+level)/2 quantiles of
// those medians (percentile bootstrap, Efron & Tibshirani 1993, ch. 13). For a ratio, both samples
// are resampled independently and the ratio of the two resampled medians is collected. With few
// samples the interval of a median is coarse (it can only take sample values): that is honest.
import { quantileSorted } from 'simple-statistics';
import type { Estimate } from './types.js';
import { createRandom, type Random } from '../core/prng.js';

/** Resamples drawn for every interval unless told otherwise. */
export const DEFAULT_RESAMPLES = 10_000;
/** Seed used when the caller gives none. */
export const DEFAULT_SEED = 20_240_607;

/** Bootstrap settings; all optional. */
export interface BootstrapOptions {
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Default 10,000. */
  readonly resamples?: number;
  /** Default DEFAULT_SEED. */
  readonly seed?: number;
}

function medianOfSorted(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function sampleMedian(values: readonly number[]): number {
  return medianOfSorted(Float64Array.from(values).sort());
}

function resampleMedian(values: readonly number[], random: Random, buffer: Float64Array): number {
  for (let i = 0; i < values.length; i += 1) buffer[i] = values[Math.floor(random() * values.length)]!;
  buffer.sort();
  return medianOfSorted(buffer);
}

function intervalOf(statistics: number[], value: number, level: number): Estimate {
  statistics.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { value, low: quantileSorted(statistics, tail), high: quantileSorted(statistics, 1 - tail) };
}

// The median with its bootstrap interval: the spread figure every report and comparison uses.
export function bootstrapMedian(values: readonly number[], options: BootstrapOptions = {}): Estimate {
  if (values.length === 0) throw new Error('bootstrapMedian: empty sample');
  const { level = 0.95, resamples = DEFAULT_RESAMPLES, seed = DEFAULT_SEED } = options;
  const random = createRandom(seed);
  const buffer = new Float64Array(values.length);
  const medians: number[] = new Array(resamples);
  for (let r = 0; r < resamples; r += 1) medians[r] = resampleMedian(values, random, buffer);
  return intervalOf(medians, sampleMedian(values), level);
}

// median(numerator) / median(denominator) with a bootstrap interval: speedups and slowdowns.
export function bootstrapMedianRatio(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): Estimate {
  if (numerator.length === 0 || denominator.length === 0) throw new Error('bootstrapMedianRatio: empty sample');
  const { level = 0.95, resamples = DEFAULT_RESAMPLES, seed = DEFAULT_SEED } = options;
  const random = createRandom(seed);
  const top = new Float64Array(numerator.length);
  const bottom = new Float64Array(denominator.length);
  const ratios: number[] = new Array(resamples);
  for (let r = 0; r < resamples; r += 1) {
    ratios[r] = resampleMedian(numerator, random, top) / resampleMedian(denominator, random, bottom);
  }
  return intervalOf(ratios, sampleMedian(numerator) / sampleMedian(denominator), level);
}

// True when two intervals share at least one point: "not distinguishable given the noise".
export function intervalsOverlap(a: Estimate, b: Estimate): boolean {
  return a.low <= b.high && b.low <= a.high;
}

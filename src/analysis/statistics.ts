// Robust summary statistics of a sample of wall times: median, MAD, range and flagged outliers.
import { max, median, medianAbsoluteDeviation, min } from 'simple-statistics';

/**
 * Iglewicz & Hoaglin's outlier threshold for the modified z-score
 * (B. Iglewicz and D. Hoaglin, "How to Detect and Handle Outliers", ASQC Quality Press, 1993).
 */
export const MODIFIED_Z_THRESHOLD = 3.5;
/** 0.6745 is the 0.75 quantile of the standard normal: it makes MAD comparable to a standard deviation. */
export const MODIFIED_Z_FACTOR = 0.6745;

/** Robust description of one sample. */
export interface SampleSummary {
  readonly n: number;
  readonly median: number;
  /** Median absolute deviation from the median, unscaled (not multiplied by 1.4826). */
  readonly mad: number;
  readonly min: number;
  readonly max: number;
  /** Indices of values flagged by the modified z-score; flagged, never dropped. */
  readonly outliers: readonly number[];
}

// Modified z-scores M = 0.6745 (x − median) / MAD of every value. When MAD = 0 (more than half
// the values are equal) the score is undefined: values equal to the median score 0, the others
// ±Infinity, so a lone deviant among identical values is flagged rather than divided by zero.
export function computeModifiedZScores(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const center = median([...values]);
  const mad = medianAbsoluteDeviation([...values]);
  return values.map((x) => {
    const deviation = x - center;
    if (mad === 0) return deviation === 0 ? 0 : Math.sign(deviation) * Infinity;
    return (MODIFIED_Z_FACTOR * deviation) / mad;
  });
}

// Indices of values whose |M| exceeds 3.5 (Iglewicz & Hoaglin); fewer than 3 values are never flagged.
export function findOutliers(values: readonly number[]): number[] {
  if (values.length < 3) return [];
  return computeModifiedZScores(values)
    .map((score, index) => ({ score, index }))
    .filter(({ score }) => Math.abs(score) > MODIFIED_Z_THRESHOLD)
    .map(({ index }) => index);
}

// The robust summary every configuration's timings get; throws on an empty sample (a caller bug).
export function summarizeSample(values: readonly number[]): SampleSummary {
  if (values.length === 0) throw new Error('summarizeSample: empty sample');
  const copy = [...values];
  return {
    n: values.length,
    median: median(copy),
    mad: medianAbsoluteDeviation(copy),
    min: min(copy),
    max: max(copy),
    outliers: findOutliers(values),
  };
}

// Student's t-test between two segments of a series, with its two-sided p-value: the significance
// test Apache Otava puts after E-Divisive means in place of random permutations, so that the same
// history always gives the same answer. Pure arithmetic, no dependency: simple-statistics has no t
// distribution, and the regularized incomplete beta function below is all the distribution needs.

/** Welch's t-test of two samples: the statistic, its degrees of freedom and the two-sided p-value. */
export interface TTestResult {
  readonly t: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Mean of the second sample minus the mean of the first. */
  readonly meanDifference: number;
  /** Standard error of that difference. */
  readonly standardError: number;
}

// Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes §6.4).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast only on this side of the mean; use the symmetry otherwise.
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of a t statistic with `degreesOfFreedom`. */
export function twoSidedPValue(t: number, degreesOfFreedom: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? 1 : 0;
  return regularizedBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
}

/** The t quantile with upper-tail probability `upper` (bisection on the p-value: exact enough, rarely called). */
export function tQuantile(upper: number, degreesOfFreedom: number): number {
  let low = 0;
  let high = 1000;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (twoSidedPValue(mid, degreesOfFreedom) / 2 > upper) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Student's t-test with pooled variance (n₁ + n₂ − 2 degrees of freedom). Under the detector's
 * null hypothesis — no change, so one level and one noise — both sides share a variance, and pooling
 * it keeps the test strong when the newest segment has only a few commits, where Welch's degrees of
 * freedom would fall to about two and a real step would wait days to be seen.
 */
export function studentTTest(before: SegmentMoments, after: SegmentMoments): TTestResult {
  const meanDifference = after.mean - before.mean;
  const degreesOfFreedom = before.n + after.n - 2;
  const pooledVariance = degreesOfFreedom > 0 ? (before.sumSquares + after.sumSquares) / degreesOfFreedom : 0;
  const standardError = Math.sqrt(pooledVariance * (1 / before.n + 1 / after.n));
  if (standardError === 0)
    return {
      t: meanDifference === 0 ? 0 : Infinity,
      degreesOfFreedom,
      pValue: meanDifference === 0 ? 1 : 0,
      meanDifference,
      standardError,
    };
  const t = meanDifference / standardError;
  return { t, degreesOfFreedom, pValue: twoSidedPValue(t, degreesOfFreedom), meanDifference, standardError };
}

/** Count, mean and sum of squared deviations of a slice: what the test needs of each side. */
export interface SegmentMoments {
  readonly n: number;
  readonly mean: number;
  readonly sumSquares: number;
}

/** Welch's t-test from the moments of two samples (Welch–Satterthwaite degrees of freedom). */
export function welchTTest(before: SegmentMoments, after: SegmentMoments): TTestResult {
  const meanDifference = after.mean - before.mean;
  const varianceBefore = before.n > 1 ? before.sumSquares / (before.n - 1) : 0;
  const varianceAfter = after.n > 1 ? after.sumSquares / (after.n - 1) : 0;
  const termBefore = varianceBefore / before.n;
  const termAfter = varianceAfter / after.n;
  const standardError = Math.sqrt(termBefore + termAfter);
  if (standardError === 0) {
    // Two flat segments: any difference at all is certain, none is no evidence.
    return {
      t: meanDifference === 0 ? 0 : Infinity,
      degreesOfFreedom: before.n + after.n - 2,
      pValue: meanDifference === 0 ? 1 : 0,
      meanDifference,
      standardError,
    };
  }
  const degreesOfFreedom =
    (termBefore + termAfter) ** 2 /
    ((before.n > 1 ? termBefore ** 2 / (before.n - 1) : 0) + (after.n > 1 ? termAfter ** 2 / (after.n - 1) : 0));
  const t = meanDifference / standardError;
  return { t, degreesOfFreedom, pValue: twoSidedPValue(t, degreesOfFreedom), meanDifference, standardError };
}

// The statistics of the elimination step: runs of one round are paired (they share the machine's
// state, so a slow round slows every configuration alike), and the noise of a paired ratio is pooled
// over every configuration and moderated by a prior.
//
// Method. For configuration C and the current best B, d_k = ln(C_k / B_k) over the rounds k in which
// both ran; the ratio is exp(mean d). The variance of d is pooled over all configurations compared
// with B (s², with Σ(n_C − 1) degrees of freedom) and moderated towards a prior s0² worth d0 degrees
// of freedom: s̃² = (d0·s0² + df·s²) / (d0 + df) (G. K. Smyth, "Linear models and empirical Bayes
// methods for assessing differential expression", Stat. Appl. Genet. Mol. Biol. 3(1), 2004). The
// one-sided bounds are mean d ∓ t(level; d0 + df) · s̃ / √n. The prior lets a configuration many times
// slower than the best leave after one round, while a close call waits for measured noise.
import { mean } from 'simple-statistics';
import type { PairedRatio } from './types.js';

/** The racing constants, in one place (README "Adaptive search" explains each). */
export const SEARCH_LIMITS = {
  /**
   * One-sided confidence of every elimination and of "decided". 95%, not 99%: on bench:search's
   * synthetic curves (seeds 7 and 11) 99% cost 3 points more of the exhaustive plan's runs and bought
   * no better pick against the true curves (same match with the true recommendation, same regret).
   */
  confidence: 0.95,
  /** Timed samples a configuration needs before it can be dropped as slower. */
  minSamples: 1,
  /** Prior per-run noise: the standard deviation of ln(wall time), 0.05 ≈ 5%. */
  priorNoise: 0.05,
  /** Weight of that prior, in degrees of freedom. */
  priorDegreesOfFreedom: 4,
  /** Thread counts the scaling model may add to a search. */
  maxAdditions: 1,
  /** Fit quality (r² of the speedups) the model needs before it may add a thread count. */
  minModelR2: 0.98,
  /** First round after which the model may add a thread count. */
  modelRound: 1,
} as const;

/** A configuration's timed wall times by round. */
export type RoundSamples = ReadonlyMap<number, number>;

/**
 * The standard normal quantile by P. J. Acklam's rational approximation (relative error < 1.2e-9);
 * simple-statistics' probit is off by 0.2% at 0.99, which would move every bound.
 */
export function quantileNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Student's t quantile by the Cornish–Fisher expansion in 1/ν (Abramowitz & Stegun 26.7.5). */
export function quantileT(probability: number, degreesOfFreedom: number): number {
  const z = quantileNormal(probability);
  const v = degreesOfFreedom;
  const z3 = z ** 3,
    z5 = z ** 5,
    z7 = z ** 7,
    z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * v) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92_160 * v ** 4)
  );
}

/** ln(a_k / b_k) for the rounds in which both ran, in round order. */
export function pairLogRatios(a: RoundSamples, b: RoundSamples): number[] {
  const rounds = [...a.keys()].filter((round) => b.has(round)).sort((x, y) => x - y);
  return rounds.map((round) => Math.log(a.get(round)! / b.get(round)!));
}

/** The moderated standard deviation of a paired log-ratio, and its degrees of freedom. */
export interface PairNoise {
  readonly sd: number;
  readonly degreesOfFreedom: number;
  /** Measured part: pooled degrees of freedom (0 before any configuration has two pairs). */
  readonly measuredDegreesOfFreedom: number;
}

/** Pools the spread of every configuration's paired log-ratios against `best`, moderated by the prior. */
export function estimatePairNoise(samples: ReadonlyMap<string, RoundSamples>, bestKey: string): PairNoise {
  const best = samples.get(bestKey);
  let squares = 0;
  let df = 0;
  for (const [key, series] of samples) {
    if (key === bestKey || !best) continue;
    const d = pairLogRatios(series, best);
    if (d.length < 2) continue;
    const m = mean(d);
    squares += d.reduce((sum, x) => sum + (x - m) ** 2, 0);
    df += d.length - 1;
  }
  // The difference of two runs carries the noise of both: √2 × the per-run prior.
  const prior = 2 * SEARCH_LIMITS.priorNoise ** 2;
  const d0 = SEARCH_LIMITS.priorDegreesOfFreedom;
  return { sd: Math.sqrt((d0 * prior + squares) / (d0 + df)), degreesOfFreedom: d0 + df, measuredDegreesOfFreedom: df };
}

/** The paired ratio of `a` to `b` with its one-sided bounds; null when they never ran in one round. */
export function comparePaired(a: RoundSamples, b: RoundSamples, noise: PairNoise): PairedRatio | null {
  const d = pairLogRatios(a, b);
  if (d.length === 0) return null;
  const m = mean(d);
  const margin = (quantileT(SEARCH_LIMITS.confidence, noise.degreesOfFreedom) * noise.sd) / Math.sqrt(d.length);
  return { pairs: d.length, ratio: Math.exp(m), low: Math.exp(m - margin), high: Math.exp(m + margin) };
}

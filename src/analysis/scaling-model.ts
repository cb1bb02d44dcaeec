// Fits the Universal Scalability Law to measured speedups, so a recommendation can say where
// adding threads stops paying and predict counts that were not tested.
//
// Model (N. J. Gunther, "Guerrilla Capacity Planning", Springer 2007, ch. 4; the Universal
// Scalability Law): S(N) = N / (1 + σ(N−1) + κN(N−1)), σ contention, κ coherency, both ≥ 0.
// Fit: the linearisation N/S − 1 = σ(N−1) + κN(N−1) is a linear least-squares problem through the
// origin; solved with non-negativity (both free, else the best single-parameter fit), then refined
// by a small pattern search minimising squared error in speedup space, which weights the points
// as they were measured. Amdahl's law is the κ = 0 case, used when κ fits as 0 or there are fewer
// than 3 distinct thread counts (κ is not identifiable from two points).
import { MAX_THREADS, MIN_THREADS, type ThreadingMode } from '../matrix/types.js';
import type { ScalingModel } from './types.js';

/** One measured point: a thread count and its speedup over 1 thread. */
export interface SpeedupPoint {
  readonly threads: number;
  readonly speedup: number;
}

// Speedup the USL predicts for N threads.
export function predictSpeedup(threads: number, sigma: number, kappa: number): number {
  return threads / (1 + sigma * (threads - 1) + kappa * threads * (threads - 1));
}

function squaredError(points: readonly SpeedupPoint[], sigma: number, kappa: number): number {
  return points.reduce((sum, p) => sum + (p.speedup - predictSpeedup(p.threads, sigma, kappa)) ** 2, 0);
}

/** Non-negative least squares of y = σ·x1 + κ·x2 (two unknowns, no intercept). */
function solveLinearised(points: readonly SpeedupPoint[], withKappa: boolean): { sigma: number; kappa: number } {
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    s1y = 0,
    s2y = 0;
  for (const { threads: n, speedup } of points) {
    const y = n / speedup - 1;
    const x1 = n - 1;
    const x2 = n * (n - 1);
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    s1y += x1 * y;
    s2y += x2 * y;
  }
  const sigmaOnly = { sigma: s11 > 0 ? Math.max(0, s1y / s11) : 0, kappa: 0 };
  if (!withKappa) return sigmaOnly;
  const det = s11 * s22 - s12 * s12;
  if (Math.abs(det) > 1e-12 * s11 * s22) {
    const sigma = (s1y * s22 - s2y * s12) / det;
    const kappa = (s2y * s11 - s1y * s12) / det;
    if (sigma >= 0 && kappa >= 0) return { sigma, kappa };
  }
  // The unconstrained optimum leaves the feasible region: the constrained one lies on an edge.
  const kappaOnly = { sigma: 0, kappa: s22 > 0 ? Math.max(0, s2y / s22) : 0 };
  const residual = (c: { sigma: number; kappa: number }): number =>
    points.reduce((sum, { threads: n, speedup }) => {
      const r = n / speedup - 1 - c.sigma * (n - 1) - c.kappa * n * (n - 1);
      return sum + r * r;
    }, 0);
  return residual(sigmaOnly) <= residual(kappaOnly) ? sigmaOnly : kappaOnly;
}

/** Pattern search in speedup space from the linearised start, keeping σ, κ ≥ 0. */
function refine(points: readonly SpeedupPoint[], start: { sigma: number; kappa: number }, withKappa: boolean) {
  let { sigma, kappa } = start;
  let best = squaredError(points, sigma, kappa);
  let stepSigma = Math.max(0.05, sigma / 2);
  let stepKappa = Math.max(0.005, kappa / 2);
  for (let iteration = 0; iteration < 2000 && (stepSigma > 1e-10 || stepKappa > 1e-12); iteration += 1) {
    let improved = false;
    const moves: [number, number][] = [
      [stepSigma, 0],
      [-stepSigma, 0],
    ];
    if (withKappa) moves.push([0, stepKappa], [0, -stepKappa]);
    for (const [ds, dk] of moves) {
      const s = Math.max(0, sigma + ds);
      const k = Math.max(0, kappa + dk);
      const error = squaredError(points, s, k);
      if (error < best - 1e-15) {
        best = error;
        sigma = s;
        kappa = k;
        improved = true;
      }
    }
    if (!improved) {
      stepSigma /= 2;
      stepKappa /= 2;
    }
  }
  return { sigma, kappa };
}

// Thread count of the model's peak: ⌊√((1−σ)/κ)⌋ (Gunther), clamped to 1..16; 16 when κ = 0 and
// σ < 1 (still rising at the last count), 1 when σ ≥ 1 (adding threads never helps).
export function findPeakThreads(sigma: number, kappa: number): number {
  if (sigma >= 1) return MIN_THREADS;
  if (kappa <= 0) return MAX_THREADS;
  const peak = Math.floor(Math.sqrt((1 - sigma) / kappa));
  return Math.min(MAX_THREADS, Math.max(MIN_THREADS, peak));
}

// Fits the USL (or Amdahl) to one mode's speedups; null when fewer than 2 distinct thread counts.
export function fitScalingModel(points: readonly SpeedupPoint[], mode: ThreadingMode): ScalingModel | null {
  const usable = points.filter((p) => p.threads >= 1 && Number.isFinite(p.speedup) && p.speedup > 0);
  const distinct = new Set(usable.map((p) => p.threads)).size;
  if (distinct < 2) return null;
  const withKappa = distinct >= 3;
  const fitted = refine(usable, solveLinearised(usable, withKappa), withKappa);
  const kappa = fitted.kappa < 1e-9 ? 0 : fitted.kappa;
  const sigma = fitted.sigma < 1e-9 ? 0 : fitted.sigma;
  const mean = usable.reduce((sum, p) => sum + p.speedup, 0) / usable.length;
  const total = usable.reduce((sum, p) => sum + (p.speedup - mean) ** 2, 0);
  const residual = squaredError(usable, sigma, kappa);
  // With no variation to explain (a flat curve) the fit is perfect when it reproduces the points.
  const r2 = total > 1e-12 ? 1 - residual / total : residual < 1e-9 ? 1 : 0;
  const predicted = [];
  for (let n = MIN_THREADS; n <= MAX_THREADS; n += 1)
    predicted.push({ threads: n, speedup: predictSpeedup(n, sigma, kappa) });
  return {
    law: kappa > 0 ? 'usl' : 'amdahl',
    mode,
    sigma,
    kappa,
    peakThreads: findPeakThreads(sigma, kappa),
    r2,
    points: usable.map((p) => ({ threads: p.threads, speedup: p.speedup })),
    predicted,
  };
}

// E-Divisive means (Matteson & James, "A Nonparametric Approach for Multiple Change Point Analysis
// of Multivariate Data", JASA 2014), the candidate search of MongoDB's signal processing and of
// Apache Otava: the split of a slice that maximizes the energy distance between the two sides,
//   Q(τ) = m·k/(m+k) · ( 2/(m·k) Σ|xᵢ−yⱼ| − 1/C(m,2) Σ|xᵢ−xₗ| − 1/C(k,2) Σ|yⱼ−yₗ| ),
// with exponent α = 1. It needs no assumption about the noise's distribution, so a skewed timing
// distribution or an outlier moves it less than a difference of means. Pure: arrays in, index out.

/** The best split of `values[start, end)`: the first index of the right side and its Q. */
export interface Split {
  readonly index: number;
  readonly q: number;
}

/**
 * The τ in [start + minSegment, end − minSegment] that maximizes Q, or null when the slice is too
 * short for two segments of `minSegment`. O(L²) for a slice of L: τ moves right one point at a
 * time and the three sums are updated by that point's distances to the others.
 */
export function findBestSplit(values: readonly number[], start: number, end: number, minSegment: number): Split | null {
  const length = end - start;
  if (length < 2 * minSegment) return null;
  // Row sums of |x_p − x_j| split into "to the left of p" and "to the right of p".
  const leftOf = new Float64Array(length);
  const rightOf = new Float64Array(length);
  for (let p = 0; p < length; p++) {
    const x = values[start + p]!;
    let left = 0;
    let right = 0;
    for (let j = 0; j < p; j++) left += Math.abs(x - values[start + j]!);
    for (let j = p + 1; j < length; j++) right += Math.abs(x - values[start + j]!);
    leftOf[p] = left;
    rightOf[p] = right;
  }
  // τ = 0 (everything right): the right side's within-sum is half of all row sums.
  let between = 0;
  let withinLeft = 0;
  let withinRight = 0;
  for (let p = 0; p < length; p++) withinRight += rightOf[p]!;
  let best: Split | null = null;
  for (let tau = 1; tau <= length - minSegment; tau++) {
    // Point p = tau − 1 crosses from the right side to the left.
    const p = tau - 1;
    between += rightOf[p]! - leftOf[p]!;
    withinLeft += leftOf[p]!;
    withinRight -= rightOf[p]!;
    if (tau < minSegment) continue;
    const m = tau;
    const k = length - tau;
    const pairsLeft = (m * (m - 1)) / 2;
    const pairsRight = (k * (k - 1)) / 2;
    const energy =
      (2 * between) / (m * k) -
      (pairsLeft > 0 ? withinLeft / pairsLeft : 0) -
      (pairsRight > 0 ? withinRight / pairsRight : 0);
    const q = ((m * k) / (m + k)) * energy;
    // Ties keep the earliest split: the same series always gives the same index.
    if (best === null || q > best.q) best = { index: start + tau, q };
  }
  return best;
}

// Two-sided Mann-Whitney U test (Wilcoxon rank-sum): does one sample tend to be larger?
//
// Exact p-value from the permutation distribution of U (counted by the classic recurrence
// c(u; m, n) = c(u−n; m−1, n) + c(u; m, n−1)) when there are no ties and m + n ≤ 40; otherwise the
// normal approximation with the tie-corrected variance
//   σ² = m·n/12 · ((N+1) − Σ(t³−t)/(N(N−1)))   (N = m+n, t = size of each tie group)
// and a continuity correction of 0.5 (Lehmann, "Nonparametrics", 1975, ch. 1).
import { errorFunction } from 'simple-statistics';

/** Test result: U of the first sample, the two-sided p-value and which computation gave it. */
export interface MannWhitneyResult {
  readonly u: number;
  readonly pValue: number;
  readonly method: 'exact' | 'normal';
}

function rankWithTies(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j += 1;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    for (let k = i; k <= j; k += 1) ranks[order[k]!.index] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/** Number of arrangements with each U value, for samples of sizes m and n (no ties). */
function countU(m: number, n: number): number[] {
  // table[i][j] = counts for sizes (i, j); built up so each row is reused.
  let previous: number[][] = [];
  for (let i = 0; i <= m; i += 1) {
    const current: number[][] = [];
    for (let j = 0; j <= n; j += 1) {
      if (i === 0 || j === 0) {
        current.push([1]);
        continue;
      }
      const withoutI = previous[j]!; // sizes (i−1, j): the largest value is in sample 1, adding j to U
      const withoutJ = current[j - 1]!; // sizes (i, j−1): the largest value is in sample 2
      const counts = new Array<number>(i * j + 1).fill(0);
      withoutI.forEach((c, u) => {
        counts[u + j] = counts[u + j]! + c;
      });
      withoutJ.forEach((c, u) => {
        counts[u] = counts[u]! + c;
      });
      current.push(counts);
    }
    previous = current;
  }
  return previous[n]!;
}

function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

// Two-sided Mann-Whitney U test of a against b.
export function testMannWhitney(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) throw new Error('testMannWhitney: empty sample');
  const { ranks, tieTerm } = rankWithTies([...a, ...b]);
  const rankSumA = ranks.slice(0, m).reduce((sum, r) => sum + r, 0);
  const u = rankSumA - (m * (m + 1)) / 2;
  const total = m + n;
  if (tieTerm === 0 && total <= 40) {
    const counts = countU(m, n);
    const all = counts.reduce((sum, c) => sum + c, 0);
    const lower = Math.min(u, m * n - u);
    let tail = 0;
    for (let k = 0; k <= lower; k += 1) tail += counts[k]!;
    return { u, pValue: Math.min(1, (2 * tail) / all), method: 'exact' };
  }
  const meanU = (m * n) / 2;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (variance <= 0) return { u, pValue: 1, method: 'normal' };
  const z = Math.max(0, Math.abs(u - meanU) - 0.5) / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * (1 - normalCdf(z))), method: 'normal' };
}

// The smallest two-sided p an exact test of sizes m, n can reach: 2 / C(m+n, m).
export function minimumPValue(m: number, n: number): number {
  let combinations = 1;
  for (let k = 1; k <= m; k += 1) combinations = (combinations * (n + k)) / k;
  return Math.min(1, 2 / combinations);
}

// Change points of one series, the way Apache Otava finds them: E-Divisive means proposes splits
// inside overlapping windows, a Student's t-test between the segments on either side
// decides which are real, and the weakest candidate is dropped until every one left is significant
// against its neighbours over the whole series. Deterministic (no permutations), and a minimum
// segment length keeps a single outlier from being a change. Pure: numbers in, change points out.
import { findBestSplit } from './e-divisive.js';
import { studentTTest, tQuantile, type SegmentMoments, type TTestResult } from './student-t.js';

/** How the detector decides; every field has a default (DETECTOR_DEFAULTS). */
export interface DetectorSettings {
  /** Fewest points a segment may have: 3 means a change is seen 3 commits after it began, and one outlier never is one. */
  readonly minSegment: number;
  /** Points per E-Divisive window (Otava's window_len): keeps the search linear in the series' length. */
  readonly windowLength: number;
  /** A change must reach this two-sided p-value against its neighbouring segments (Otava's max_pvalue). */
  readonly maxPValue: number;
  /** Confidence of the interval around each change's size. */
  readonly confidence: number;
}

export const DETECTOR_DEFAULTS: DetectorSettings = {
  minSegment: 3,
  windowLength: 50,
  maxPValue: 0.001,
  confidence: 0.95,
};

/** One change of level: the segment starting at `index` differs from the one before it. */
export interface ChangePoint {
  /** Index of the first point after the change (the point the new level begins at). */
  readonly index: number;
  readonly meanBefore: number;
  readonly meanAfter: number;
  /** (meanAfter − meanBefore) / meanBefore; +0.05 is 5% slower for a time. */
  readonly relativeChange: number;
  /** The `confidence` interval of relativeChange (the t-test's standard error, the level before taken as known). */
  readonly interval: { readonly low: number; readonly high: number };
  readonly pValue: number;
  /** Points in the segments either side, as tested. */
  readonly pointsBefore: number;
  readonly pointsAfter: number;
}

/** One constant level between change points, for charts: points [start, end). */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly mean: number;
}

/**
 * Moments of any slice in O(1) from prefix sums of the values less the first one (the shift keeps
 * the sums of squares exact enough for bytes of memory as well as milliseconds). The pruning tests
 * every candidate against its neighbours once per candidate dropped: without prefix sums that is
 * quadratic in the candidates times the series' length.
 */
class SeriesMoments {
  private readonly sums: Float64Array;
  private readonly squares: Float64Array;
  private readonly shift: number;
  constructor(values: readonly number[]) {
    this.shift = values[0] ?? 0;
    this.sums = new Float64Array(values.length + 1);
    this.squares = new Float64Array(values.length + 1);
    for (let i = 0; i < values.length; i++) {
      const x = values[i]! - this.shift;
      this.sums[i + 1] = this.sums[i]! + x;
      this.squares[i + 1] = this.squares[i]! + x * x;
    }
  }
  of(start: number, end: number): SegmentMoments {
    const n = end - start;
    const sum = this.sums[end]! - this.sums[start]!;
    const mean = sum / n;
    return {
      n,
      mean: mean + this.shift,
      sumSquares: Math.max(0, this.squares[end]! - this.squares[start]! - sum * mean),
    };
  }
}

function momentsOf(values: readonly number[], start: number, end: number): SegmentMoments {
  return new SeriesMoments(values.slice(start, end)).of(0, end - start);
}

function testSplit(moments: SeriesMoments, start: number, index: number, end: number): TTestResult {
  return studentTTest(moments.of(start, index), moments.of(index, end));
}

/** E-Divisive inside [start, end): split where Q is largest while the split passes the t-test, recursively. */
function proposeSplits(
  values: readonly number[],
  moments: SeriesMoments,
  start: number,
  end: number,
  settings: DetectorSettings,
  found: Set<number>,
): void {
  const split = findBestSplit(values, start, end, settings.minSegment);
  if (split === null) return;
  // Proposals pass a looser bar (10× the p-value, as Otava's first pass): the pruning decides.
  if (testSplit(moments, start, split.index, end).pValue > Math.min(0.5, settings.maxPValue * 10)) return;
  found.add(split.index);
  proposeSplits(values, moments, start, split.index, settings, found);
  proposeSplits(values, moments, split.index, end, settings, found);
}

/** Candidates from overlapping windows (half a window apart, the last one flush with the end). */
function proposeCandidates(values: readonly number[], moments: SeriesMoments, settings: DetectorSettings): number[] {
  const found = new Set<number>();
  const n = values.length;
  const window = Math.max(settings.windowLength, 2 * settings.minSegment);
  const step = Math.max(1, Math.floor(window / 2));
  for (let start = 0; ; start += step) {
    const end = Math.min(n, start + window);
    proposeSplits(values, moments, Math.max(0, end - window), end, settings, found);
    if (end >= n) break;
  }
  return [...found].sort((a, b) => a - b);
}

/** p-value of each candidate against the segments its neighbours bound; 1 when a segment is too short. */
function scoreCandidates(
  values: readonly number[],
  moments: SeriesMoments,
  candidates: readonly number[],
  settings: DetectorSettings,
): number[] {
  return candidates.map((index, i) => {
    const start = i === 0 ? 0 : candidates[i - 1]!;
    const end = i === candidates.length - 1 ? values.length : candidates[i + 1]!;
    if (index - start < settings.minSegment || end - index < settings.minSegment) return 1;
    return testSplit(moments, start, index, end).pValue;
  });
}

/** Drops the weakest candidate (largest p-value; the later one on a tie) until every one left passes. */
function pruneCandidates(
  values: readonly number[],
  moments: SeriesMoments,
  candidates: number[],
  settings: DetectorSettings,
): number[] {
  let kept = candidates;
  for (;;) {
    const pValues = scoreCandidates(values, moments, kept, settings);
    let weakest = -1;
    for (let i = 0; i < kept.length; i++)
      if (pValues[i]! > settings.maxPValue && (weakest < 0 || pValues[i]! >= pValues[weakest]!)) weakest = i;
    if (weakest < 0) return kept;
    kept = kept.filter((_, i) => i !== weakest);
  }
}

/**
 * Moves each change to where it best splits the stretch between its neighbours: the split with the
 * largest t statistic, which for a shift of the mean in Gaussian noise is the maximum-likelihood
 * location (with the outliers already damped, more often exact than E-Divisive's energy maximum).
 */
function refineCandidates(
  moments: SeriesMoments,
  length: number,
  candidates: readonly number[],
  settings: DetectorSettings,
): number[] {
  return candidates.map((index, i) => {
    const start = Math.max(i === 0 ? 0 : candidates[i - 1]!, index - settings.windowLength);
    const end = Math.min(i === candidates.length - 1 ? length : candidates[i + 1]!, index + settings.windowLength);
    let best = index;
    let bestT = -1;
    for (let tau = start + settings.minSegment; tau <= end - settings.minSegment; tau++) {
      const t = Math.abs(studentTTest(moments.of(start, tau), moments.of(tau, end)).t);
      if (t > bestT) {
        bestT = t;
        best = tau;
      }
    }
    return best;
  });
}

/** Commits either side of a point that its outlier test looks at (Hampel's window: 11 commits). */
const HAMPEL_HALF_WIDTH = 5;
/** How many scaled MADs from the local median make a point an outlier. */
const HAMPEL_THRESHOLD = 3.5;

/**
 * `values` with each outlier night replaced by the median of the commits around it (a Hampel
 * filter: more than 3.5 scaled MADs — 1.4826·MAD estimates σ — from the local median). The minimum
 * segment keeps one outlier from becoming a change, but not from inflating its segment's variance:
 * one night 40% slow among 50 adds about 6% to the standard deviation and hides a 5% step from any
 * test of means. A real step is no outlier: a window that straddles it holds both levels.
 */
export function dampOutliers(values: readonly number[]): number[] {
  const damped = [...values];
  const window = new Float64Array(2 * HAMPEL_HALF_WIDTH + 1);
  const deviations = new Float64Array(window.length);
  const median = new Float64Array(values.length);
  const limit = new Float64Array(values.length).fill(Infinity);
  for (let i = 0; i < values.length; i++) {
    const from = Math.max(0, i - HAMPEL_HALF_WIDTH);
    const to = Math.min(values.length, i + HAMPEL_HALF_WIDTH + 1);
    const n = to - from;
    for (let j = 0; j < n; j++) window[j] = values[from + j]!;
    median[i] = medianOf(window, n);
    for (let j = 0; j < n; j++) deviations[j] = Math.abs(window[j]! - median[i]!);
    const mad = medianOf(deviations, n);
    if (n >= 5 && mad > 0) limit[i] = HAMPEL_THRESHOLD * 1.4826 * mad;
  }
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Math.abs(x - median[i]!) <= limit[i]!) continue;
    if (i + HAMPEL_HALF_WIDTH < values.length) {
      damped[i] = median[i]!;
      continue;
    }
    // Near the newest end the window holds few commits after the point, and the first commits of a
    // new level look like outliers against the old one: there only a commit that stands apart from
    // both its neighbours, the same way, is one (and the newest is left as it is).
    if (i + 1 >= values.length) continue;
    const before = x - values[i - 1]!;
    const after = x - values[i + 1]!;
    if (Math.abs(before) > limit[i]! && Math.abs(after) > limit[i]! && Math.sign(before) === Math.sign(after))
      damped[i] = median[i]!;
  }
  return damped;
}

/** The (upper) median of the first `n` entries, sorting them in place (insertion sort: n <= 11). */
function medianOf(buffer: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const x = buffer[i]!;
    let j = i - 1;
    while (j >= 0 && buffer[j]! > x) {
      buffer[j + 1] = buffer[j]!;
      j--;
    }
    buffer[j + 1] = x;
  }
  return buffer[n >> 1]!;
}

/** Every change of level in `raw` (in order), each with its size, interval and significance. */
export function detectChangePoints(raw: readonly number[], overrides: Partial<DetectorSettings> = {}): ChangePoint[] {
  const settings = { ...DETECTOR_DEFAULTS, ...overrides };
  if (raw.length < 2 * settings.minSegment) return [];
  const values = dampOutliers(raw);
  const moments = new SeriesMoments(values);
  const pruned = pruneCandidates(values, moments, proposeCandidates(values, moments, settings), settings);
  const changes = pruneCandidates(
    values,
    moments,
    [...new Set(refineCandidates(moments, values.length, pruned, settings))].sort((a, b) => a - b),
    settings,
  );
  const upper = (1 - settings.confidence) / 2;
  return changes.map((index, i) => {
    const start = i === 0 ? 0 : changes[i - 1]!;
    const end = i === changes.length - 1 ? values.length : changes[i + 1]!;
    const before = moments.of(start, index);
    const after = moments.of(index, end);
    const test = studentTTest(before, after);
    const margin =
      Number.isFinite(test.degreesOfFreedom) && test.standardError > 0
        ? tQuantile(upper, test.degreesOfFreedom) * test.standardError
        : 0;
    const scale = before.mean === 0 ? 1 : Math.abs(before.mean);
    return {
      index,
      meanBefore: before.mean,
      meanAfter: after.mean,
      relativeChange: test.meanDifference / scale,
      interval: { low: (test.meanDifference - margin) / scale, high: (test.meanDifference + margin) / scale },
      pValue: test.pValue,
      pointsBefore: before.n,
      pointsAfter: after.n,
    };
  });
}

/** The constant levels between `changes` over a series of `length` points. */
export function segmentLevels(values: readonly number[], changes: readonly ChangePoint[]): Segment[] {
  const bounds = [0, ...changes.map((c) => c.index), values.length];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    if (end > start) segments.push({ start, end, mean: momentsOf(values, start, end).mean });
  }
  return segments;
}

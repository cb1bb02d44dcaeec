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

export const DETECTOR_DEFAULTS: DetectorSettings = { minSegment: 3, windowLength: 50, maxPValue: 0.001, confidence: 0.95 };

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

function momentsOf(values: readonly number[], start: number, end: number): SegmentMoments {
  const n = end - start;
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i]!;
  const mean = sum / n;
  let sumSquares = 0;
  for (let i = start; i < end; i++) sumSquares += (values[i]! - mean) ** 2;
  return { n, mean, sumSquares };
}

function testSplit(values: readonly number[], start: number, index: number, end: number): TTestResult {
  return studentTTest(momentsOf(values, start, index), momentsOf(values, index, end));
}

/** E-Divisive inside [start, end): split where Q is largest while the split passes the t-test, recursively. */
function proposeSplits(values: readonly number[], start: number, end: number, settings: DetectorSettings, found: Set<number>): void {
  const split = findBestSplit(values, start, end, settings.minSegment);
  if (split === null) return;
  // Proposals pass a looser bar (10× the p-value, as Otava's first pass): the pruning decides.
  if (testSplit(values, start, split.index, end).pValue > Math.min(0.5, settings.maxPValue * 10)) return;
  found.add(split.index);
  proposeSplits(values, start, split.index, settings, found);
  proposeSplits(values, split.index, end, settings, found);
}

/** Candidates from overlapping windows (half a window apart, the last one flush with the end). */
function proposeCandidates(values: readonly number[], settings: DetectorSettings): number[] {
  const found = new Set<number>();
  const n = values.length;
  const window = Math.max(settings.windowLength, 2 * settings.minSegment);
  const step = Math.max(1, Math.floor(window / 2));
  for (let start = 0; ; start += step) {
    const end = Math.min(n, start + window);
    proposeSplits(values, Math.max(0, end - window), end, settings, found);
    if (end >= n) break;
  }
  return [...found].sort((a, b) => a - b);
}

/** p-value of each candidate against the segments its neighbours bound; 1 when a segment is too short. */
function scoreCandidates(values: readonly number[], candidates: readonly number[], settings: DetectorSettings): number[] {
  return candidates.map((index, i) => {
    const start = i === 0 ? 0 : candidates[i - 1]!;
    const end = i === candidates.length - 1 ? values.length : candidates[i + 1]!;
    if (index - start < settings.minSegment || end - index < settings.minSegment) return 1;
    return testSplit(values, start, index, end).pValue;
  });
}

/** Drops the weakest candidate (largest p-value; the later one on a tie) until every one left passes. */
function pruneCandidates(values: readonly number[], candidates: number[], settings: DetectorSettings): number[] {
  let kept = candidates;
  for (;;) {
    const pValues = scoreCandidates(values, kept, settings);
    let weakest = -1;
    for (let i = 0; i < kept.length; i++) if (pValues[i]! > settings.maxPValue && (weakest < 0 || pValues[i]! >= pValues[weakest]!)) weakest = i;
    if (weakest < 0) return kept;
    kept = kept.filter((_, i) => i !== weakest);
  }
}

/** Moves each change to the best E-Divisive split between its neighbours (a window's edge may have cut it). */
function refineCandidates(values: readonly number[], candidates: readonly number[], settings: DetectorSettings): number[] {
  return candidates.map((index, i) => {
    const start = Math.max(i === 0 ? 0 : candidates[i - 1]!, index - settings.windowLength);
    const end = Math.min(i === candidates.length - 1 ? values.length : candidates[i + 1]!, index + settings.windowLength);
    return findBestSplit(values, start, end, settings.minSegment)?.index ?? index;
  });
}

/** Every change of level in `values` (in order), each with its size, interval and significance. */
export function detectChangePoints(values: readonly number[], overrides: Partial<DetectorSettings> = {}): ChangePoint[] {
  const settings = { ...DETECTOR_DEFAULTS, ...overrides };
  if (values.length < 2 * settings.minSegment) return [];
  const pruned = pruneCandidates(values, proposeCandidates(values, settings), settings);
  const changes = pruneCandidates(values, [...new Set(refineCandidates(values, pruned, settings))].sort((a, b) => a - b), settings);
  const upper = (1 - settings.confidence) / 2;
  return changes.map((index, i) => {
    const start = i === 0 ? 0 : changes[i - 1]!;
    const end = i === changes.length - 1 ? values.length : changes[i + 1]!;
    const before = momentsOf(values, start, index);
    const after = momentsOf(values, index, end);
    const test = studentTTest(before, after);
    const margin = Number.isFinite(test.degreesOfFreedom) && test.standardError > 0 ? tQuantile(upper, test.degreesOfFreedom) * test.standardError : 0;
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

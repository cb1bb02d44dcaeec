// bench:history's series with known truth, and how a detector's answer is scored against it (pure).
// Each series is a nightly history: per commit, the median of 3 timed samples, each the level times
// (1 + CV·N(0,1)); 2% of the commits are outlier nights (the whole run 25–60% slower).
import { createRandom, deriveSeed, type Random } from '../core/prng.js';

/** What was planted in a series. */
export type SeriesKind = 'step' | 'drift' | 'noise';

export interface SyntheticSeries {
  readonly id: string;
  readonly kind: SeriesKind;
  /** Relative size of the step or of the whole drift (0 for noise). */
  readonly size: number;
  /** Coefficient of variation of one sample. */
  readonly cv: number;
  readonly values: readonly number[];
  /** step: [index, index + 1) — the first commit at the new level; drift: [start, end) of the ramp. */
  readonly truth: { readonly start: number; readonly end: number } | null;
}

export const SERIES_LENGTH = 120;
export const STEP_SIZES = [0.02, 0.05, 0.1, 0.2] as const;
export const NOISE_CVS = [0.01, 0.02, 0.05, 0.1] as const;
const SAMPLES_PER_COMMIT = 3;
const OUTLIER_RATE = 0.02;

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function sampleSeries(random: Random, level: (i: number) => number, cv: number): number[] {
  return Array.from({ length: SERIES_LENGTH }, (_, i) => {
    const night = random() < OUTLIER_RATE ? 1.25 + 0.35 * random() : 1;
    const samples = Array.from(
      { length: SAMPLES_PER_COMMIT },
      () => level(i) * night * (1 + cv * gaussian(random)),
    ).sort((a, b) => a - b);
    return samples[1]!;
  });
}

/** Every series of the bench: `replicates` per (step size × CV) cell, drifts, and noise-only series. */
export function buildSeries(replicates: number, seed = 2026): SyntheticSeries[] {
  const series: SyntheticSeries[] = [];
  for (const size of STEP_SIZES) {
    for (const cv of NOISE_CVS) {
      // The headline cell (a 5% step in 2% noise) gets 8× the replicates: its goals are percentages of it.
      const count = size === 0.05 && cv === 0.02 ? replicates * 8 : replicates;
      for (let r = 0; r < count; r++) {
        const id = `step-${size}-${cv}-${r}`;
        const random = createRandom(deriveSeed(seed, id));
        // Anywhere from early to 8 commits before the newest: the gate's window must see late steps too.
        const at = 20 + Math.floor(random() * (SERIES_LENGTH - 28));
        series.push({
          id,
          kind: 'step',
          size,
          cv,
          values: sampleSeries(random, (i) => (i < at ? 100 : 100 * (1 + size)), cv),
          truth: { start: at, end: at + 1 },
        });
      }
    }
  }
  for (const cv of NOISE_CVS) {
    for (let r = 0; r < replicates; r++) {
      const id = `drift-${cv}-${r}`;
      const random = createRandom(deriveSeed(seed, id));
      // 10% slower over 40 commits, a slow leak.
      const start = 30 + Math.floor(random() * 30);
      const end = start + 40;
      const level = (i: number) => 100 * (1 + 0.1 * Math.min(1, Math.max(0, (i - start) / (end - start))));
      series.push({ id, kind: 'drift', size: 0.1, cv, values: sampleSeries(random, level, cv), truth: { start, end } });
    }
    for (let r = 0; r < replicates * 4; r++) {
      const id = `noise-${cv}-${r}`;
      const random = createRandom(deriveSeed(seed, id));
      series.push({ id, kind: 'noise', size: 0, cv, values: sampleSeries(random, () => 100, cv), truth: null });
    }
  }
  return series;
}

/** A detector's scores over a set of series. */
export interface DetectorScores {
  /** Steps found within ±TOLERANCE commits / steps planted. */
  readonly recall: number;
  /** Detections in step and drift series that match a planted change / all of them. */
  readonly precision: number;
  /** Steps whose first commit at the new level was named exactly / steps planted. */
  readonly exact: number;
  /** ... named within one commit. */
  readonly withinOne: number;
  /** Detections in noise-only series per 1,000 of their points. */
  readonly falseAlarmsPer1000: number;
  /** Drifts with at least one detection inside the ramp / drifts planted. */
  readonly driftsFlagged: number;
  readonly steps: number;
}

/** How far (in commits) a detection may be from a step and still count as finding it. */
export const TOLERANCE = 5;

/** Scores `detections` (change indices per series, same order) against the truth of `series`. */
export function scoreDetections(
  series: readonly SyntheticSeries[],
  detections: readonly (readonly number[])[],
): DetectorScores {
  let steps = 0,
    found = 0,
    exact = 0,
    withinOne = 0,
    matched = 0,
    reported = 0,
    noisePoints = 0,
    falseAlarms = 0,
    drifts = 0,
    driftsFlagged = 0;
  series.forEach((s, i) => {
    const found_ = detections[i] ?? [];
    if (s.kind === 'noise') {
      noisePoints += s.values.length;
      falseAlarms += found_.length;
      return;
    }
    const truth = s.truth!;
    reported += found_.length;
    if (s.kind === 'step') {
      steps++;
      const near = found_.filter((d) => Math.abs(d - truth.start) <= TOLERANCE);
      matched += near.length > 0 ? 1 : 0;
      // Extra detections near the step count against precision like any other.
      if (near.length > 0) {
        found++;
        const nearest = near.reduce((a, b) => (Math.abs(a - truth.start) <= Math.abs(b - truth.start) ? a : b));
        if (nearest === truth.start) exact++;
        if (Math.abs(nearest - truth.start) <= 1) withinOne++;
      }
    } else {
      drifts++;
      const inside = found_.filter((d) => d >= truth.start - TOLERANCE && d <= truth.end + TOLERANCE);
      // Several detections along a drift are a fair description of a ramp: all count as matched.
      matched += inside.length;
      if (inside.length > 0) driftsFlagged++;
    }
  });
  return {
    recall: steps === 0 ? 0 : found / steps,
    precision: reported === 0 ? 1 : matched / reported,
    exact: steps === 0 ? 0 : exact / steps,
    withinOne: steps === 0 ? 0 : withinOne / steps,
    falseAlarmsPer1000: noisePoints === 0 ? 0 : (1000 * falseAlarms) / noisePoints,
    driftsFlagged: drifts === 0 ? 0 : driftsFlagged / drifts,
    steps,
  };
}

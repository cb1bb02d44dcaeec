// Compares a run's per-configuration timings with a baseline's: a regression must be both large
// (ratio beyond the threshold) and significant, and too few samples is said, never flagged as noise.
//
// Rules (after asv): with ≥ 6 samples a side, and sizes where the exact test can reach it, the
// Mann-Whitney two-sided p < 0.002 ("rank test"). Otherwise, with ≥ 3 samples a side, the two
// bootstrap 99% intervals of the medians must not overlap ("intervals"). Below 3 a side neither
// can show significance ("too few samples"). Note 6 vs 6 cannot reach p < 0.002 (minimum 0.00216),
// so that case uses the interval rule.
import { bootstrapMedian, DEFAULT_SEED, intervalsOverlap } from './bootstrap.js';
import { formatMs, formatMsEstimate, formatPercent } from '../core/format.js';
import { minimumPValue, testMannWhitney } from './mann-whitney.js';
import { deriveSeed } from '../core/prng.js';
import { summarizeSample } from './statistics.js';
import type { Estimate } from './types.js';

/** Samples of one configuration, as a baseline stores them and a summary carries them. */
export interface PerformanceSamples {
  readonly key: string;
  readonly samplesMs: readonly number[];
}

/** Which significance rule decided a comparison. */
export type ComparisonRule = 'rank-test' | 'intervals' | 'too-few-samples' | 'missing';

/** One configuration compared with its baseline. */
export interface PerformanceComparison {
  readonly key: string;
  readonly baselineMedianMs: number | null;
  readonly currentMedianMs: number | null;
  /** current / baseline median; > 1 is slower. */
  readonly ratio: number | null;
  /** Mann-Whitney two-sided p, when the rank test applied. */
  readonly pValue: number | null;
  readonly rule: ComparisonRule;
  readonly baselineCi: Estimate | null;
  readonly currentCi: Estimate | null;
  readonly verdict: 'regression' | 'improvement' | 'unchanged' | 'insufficient-data';
  readonly message: string;
}

/** Options of comparePerformance; all optional. */
export interface ComparisonOptions {
  /** Relative change that counts when significant (default 0.10). */
  readonly threshold?: number;
  /** Significance level of the rank test (default 0.002). */
  readonly alpha?: number;
  readonly seed?: number;
  readonly resamples?: number;
}

export const MIN_RANK_TEST_SAMPLES = 6;
export const MIN_INTERVAL_SAMPLES = 3;

function compareOne(
  key: string,
  baseline: readonly number[],
  current: readonly number[],
  options: Required<ComparisonOptions>,
): PerformanceComparison {
  const { threshold, alpha, seed, resamples } = options;
  const baselineMedianMs = summarizeSample(baseline).median;
  const currentMedianMs = summarizeSample(current).median;
  const ratio = currentMedianMs / baselineMedianMs;
  const ci = (values: readonly number[], side: string): Estimate =>
    bootstrapMedian(values, { level: 0.99, seed: deriveSeed(seed, `${side}:${key}`), resamples });
  const baselineCi = ci(baseline, 'baseline');
  const currentCi = ci(current, 'current');
  const m = baseline.length;
  const n = current.length;
  let rule: ComparisonRule;
  let pValue: number | null = null;
  let significant: boolean;
  const rankTest =
    m >= MIN_RANK_TEST_SAMPLES && n >= MIN_RANK_TEST_SAMPLES && minimumPValue(m, n) < alpha
      ? testMannWhitney(current, baseline)
      : null;
  // Completely separated samples that still miss alpha mean the test cannot reach it here (ties force
  // the normal approximation, whose smallest p can exceed alpha): then the interval rule decides.
  const separated = Math.max(...baseline) < Math.min(...current) || Math.max(...current) < Math.min(...baseline);
  if (rankTest && (rankTest.pValue < alpha || !separated)) {
    rule = 'rank-test';
    pValue = rankTest.pValue;
    significant = pValue < alpha;
  } else if (m >= MIN_INTERVAL_SAMPLES && n >= MIN_INTERVAL_SAMPLES) {
    rule = 'intervals';
    significant = !intervalsOverlap(baselineCi, currentCi);
  } else {
    rule = 'too-few-samples';
    significant = false;
  }
  const change = ratio - 1;
  const large = Math.abs(change) > threshold;
  const figures = `median ${formatMs(currentMedianMs)} vs baseline ${formatMs(baselineMedianMs)} (${change >= 0 ? '+' : ''}${formatPercent(change)})`;
  const evidence =
    rule === 'rank-test'
      ? `Mann-Whitney p = ${pValue!.toPrecision(3)} (needs < ${alpha}, ${n} vs ${m} samples)`
      : rule === 'intervals'
        ? `99% intervals ${formatMsEstimate(currentCi)} vs ${formatMsEstimate(baselineCi)} ${significant ? 'do not overlap' : 'overlap'}`
        : `too few samples to judge (${n} current, ${m} baseline; need ${MIN_INTERVAL_SAMPLES} a side)`;
  let verdict: PerformanceComparison['verdict'];
  if (rule === 'too-few-samples') verdict = 'insufficient-data';
  else if (large && significant) verdict = change > 0 ? 'regression' : 'improvement';
  else verdict = 'unchanged';
  const label = verdict === 'insufficient-data' ? 'not judged' : verdict;
  const size = large
    ? `beyond the ${formatPercent(threshold)} threshold`
    : `within the ${formatPercent(threshold)} threshold`;
  return {
    key,
    baselineMedianMs,
    currentMedianMs,
    ratio,
    pValue,
    rule,
    baselineCi,
    currentCi,
    verdict,
    message: `${key}: ${label}: ${figures}, ${size}; ${evidence}`,
  };
}

// Compares every configuration of the current run with the baseline's (keys in either side).
export function comparePerformance(
  baseline: readonly PerformanceSamples[],
  current: readonly PerformanceSamples[],
  options: ComparisonOptions = {},
): PerformanceComparison[] {
  const resolved: Required<ComparisonOptions> = {
    threshold: options.threshold ?? 0.1,
    alpha: options.alpha ?? 0.002,
    seed: options.seed ?? DEFAULT_SEED,
    resamples: options.resamples ?? 10_000,
  };
  const keys = [...new Set([...baseline.map((b) => b.key), ...current.map((c) => c.key)])];
  return keys.map((key) => {
    const before = baseline.find((b) => b.key === key)?.samplesMs ?? [];
    const after = current.find((c) => c.key === key)?.samplesMs ?? [];
    if (before.length === 0 || after.length === 0) {
      const side = before.length === 0 ? 'the baseline' : 'this run';
      return {
        key,
        baselineMedianMs: before.length ? summarizeSample(before).median : null,
        currentMedianMs: after.length ? summarizeSample(after).median : null,
        ratio: null,
        pValue: null,
        rule: 'missing',
        baselineCi: null,
        currentCi: null,
        verdict: 'insufficient-data',
        message: `${key}: not judged: no successful timed runs in ${side}`,
      };
    }
    return compareOne(key, before, after, resolved);
  });
}

// Plain-language findings about whether thread count and mode changed runtime at all: for
// PlanAlign today the true answer is often "no measurable effect", and users need to hear it.
import { intervalsOverlap } from './bootstrap.js';
import { formatMsEstimate, formatRatioWithInterval } from '../core/format.js';
import type { ConfigurationStats, Estimate } from './types.js';

/** Findings with the two booleans the summary carries. */
export interface Findings {
  readonly sentences: string[];
  readonly threadsMatter: boolean;
  readonly modesMatter: boolean;
}

/** Timed samples a configuration needs before its noise, and so a difference from it, can be judged. */
export const MIN_SAMPLES_FOR_EFFECT = 2;

// True when two configurations' medians differ measurably: each measured more than once (one sample's
// interval is a point and says nothing of the noise), intervals apart AND a change beyond minEffect.
export function differMeasurably(a: ConfigurationStats, b: ConfigurationStats, minEffect: number): boolean {
  if (a.n < MIN_SAMPLES_FOR_EFFECT || b.n < MIN_SAMPLES_FOR_EFFECT) return false;
  if (intervalsOverlap(a.medianCi, b.medianCi)) return false;
  return Math.abs(a.medianMs / b.medianMs - 1) > minEffect;
}

// True when a speedup is distinguishable from 1: its interval excludes 1 AND it is beyond minEffect.
export function speedupIsReal(speedup: Estimate, minEffect: number): boolean {
  const contains1 = speedup.low <= 1 && speedup.high >= 1;
  return !contains1 && Math.abs(speedup.value - 1) > minEffect;
}

function oneThread(
  configurations: readonly ConfigurationStats[],
  of: ConfigurationStats,
): ConfigurationStats | undefined {
  return configurations.find((c) => c.threads === 1 && c.mode === of.mode);
}

function describeThreads(
  configurations: readonly ConfigurationStats[],
  minEffect: number,
): { sentences: string[]; matter: boolean } {
  const withSpeedup = configurations.filter((c) => c.speedup !== null && c.threads > 1);
  if (withSpeedup.length === 0) {
    return {
      sentences: ['thread count effect not measured (no mode has both a 1-thread and a multi-thread configuration)'],
      matter: false,
    };
  }
  const evidence = withSpeedup
    .map((c) => `${c.mode} ${c.threads} threads ${formatRatioWithInterval(c.speedup!)}`)
    .join('; ');
  const judged = withSpeedup.filter(
    (c) => c.n >= MIN_SAMPLES_FOR_EFFECT && (oneThread(configurations, c)?.n ?? 0) >= MIN_SAMPLES_FOR_EFFECT,
  );
  const real = judged.filter((c) => speedupIsReal(c.speedup!, minEffect));
  if (real.length === 0) {
    return {
      sentences: [`thread count had no measurable effect on runtime (speedup over 1 thread: ${evidence})`],
      matter: false,
    };
  }
  const best = real.reduce((a, b) => (b.speedup!.value > a.speedup!.value ? b : a));
  // A real effect may be a slowdown only: say which, so "best" never names a loss.
  const effect =
    best.speedup!.value > 1
      ? `best ${best.mode} ${best.threads} threads ${formatRatioWithInterval(best.speedup!)} (efficiency ${best.efficiency!.value.toFixed(2)})`
      : `more threads only slowed it down (${real.map((c) => `${c.mode} ${c.threads} threads ${formatRatioWithInterval(c.speedup!)}`).join('; ')})`;
  return {
    sentences: [`thread count changed runtime: ${effect}; all speedups over 1 thread: ${evidence}`],
    matter: true,
  };
}

function describeModes(
  configurations: readonly ConfigurationStats[],
  minEffect: number,
): { sentences: string[]; matter: boolean } {
  const threadCounts = [...new Set(configurations.map((c) => c.threads))].sort((a, b) => a - b);
  const compared = threadCounts
    .map((threads) => ({ threads, configs: configurations.filter((c) => c.threads === threads) }))
    .filter(({ configs }) => configs.length >= 2);
  if (compared.length === 0)
    return { sentences: ['mode effect not measured (no thread count was run in more than one mode)'], matter: false };
  const differing: string[] = [];
  for (const { threads, configs } of compared) {
    for (let i = 0; i < configs.length; i += 1) {
      for (let j = i + 1; j < configs.length; j += 1) {
        const [a, b] = [configs[i]!, configs[j]!];
        if (differMeasurably(a, b, minEffect)) {
          differing.push(
            `at ${threads} thread${threads === 1 ? '' : 's'} ${a.mode} ${formatMsEstimate(a.medianCi, a.n)} vs ${b.mode} ${formatMsEstimate(b.medianCi, b.n)}`,
          );
        }
      }
    }
  }
  if (differing.length > 0) return { sentences: [`mode changed runtime: ${differing.join('; ')}`], matter: true };
  const evidence = compared
    .map(
      ({ threads, configs }) =>
        `at ${threads} thread${threads === 1 ? '' : 's'} ${configs.map((c) => `${c.mode} ${formatMsEstimate(c.medianCi, c.n)}`).join(', ')}`,
    )
    .join('; ');
  return { sentences: [`mode had no measurable effect on runtime (${evidence})`], matter: false };
}

// Findings about threads and modes, with the figures that support them.
export function describeFindings(configurations: readonly ConfigurationStats[], minEffect: number): Findings {
  const threads = describeThreads(configurations, minEffect);
  const modes = describeModes(configurations, minEffect);
  const sentences = [...threads.sentences, ...modes.sentences];
  const single = configurations.filter((c) => c.n > 0 && c.n < MIN_SAMPLES_FOR_EFFECT).map((c) => c.key);
  if (single.length > 0) {
    sentences.push(
      `${single.length} configuration(s) have a single timed sample, whose noise is not measured, so no difference involving them is called measurable: ${single.join(', ')}`,
    );
  }
  const outlierCount = configurations.reduce((sum, c) => sum + c.outliers.length, 0);
  if (outlierCount > 0) {
    const where = configurations.filter((c) => c.outliers.length > 0).map((c) => `${c.key} (${c.outliers.length})`);
    sentences.push(
      `${outlierCount} timing outlier(s) flagged by the modified z-score, kept in the statistics: ${where.join(', ')}`,
    );
  }
  return { sentences, threadsMatter: threads.matter, modesMatter: modes.matter };
}

// The thread-count recommendation: the smallest thread count that is not meaningfully slower than
// the fastest deterministic, successful configuration within the memory budget. Not the highest
// efficiency: that rule (PlanAlign's benchmarker) nearly always picks 1 thread.
import { linearRegression } from 'simple-statistics';
import { THREADING_MODES, type ResolvedMatrix, type ThreadingMode } from '../matrix/types.js';
import type { HardwareFingerprint } from '../monitor/types.js';
import { differMeasurably, MIN_SAMPLES_FOR_EFFECT } from './findings.js';
import { formatBytes, formatMs, formatMsEstimate, formatPercent } from '../core/format.js';
import { DEFAULT_MIN_EFFECT } from './performance.js';
import { describeRecommendationNoise } from './noise.js';
import { predictSpeedup } from './scaling-model.js';
import type {
  ConfigurationStats,
  DeterminismVerdict,
  PerformanceSummary,
  Recommendation,
  ScalingModel,
} from './types.js';

/** Everything recommendThreads needs; plain data, `now` passed in (no clock here). */
export interface RecommendationInput {
  readonly performance: PerformanceSummary;
  readonly determinism: DeterminismVerdict;
  readonly matrix: ResolvedMatrix;
  readonly hardware: HardwareFingerprint;
  readonly target: { readonly kind: string; readonly version: string };
  readonly now: string;
  /** The smallest relative change the findings call an effect (PerformanceOptions.minEffect); its default when absent. */
  readonly minEffect?: number;
}

/** Sample count at which the sample-size factor of the confidence reaches 1. */
export const CONFIDENT_SAMPLES = 5;

/** What "confidence 20%" means, in the few words every output puts beside the figure. */
export const CONFIDENCE_MEANING = `how sure the pick is; 100% needs ${CONFIDENT_SAMPLES} timed samples per configuration and little noise`;

/** The matrix's memory budget in bytes on a machine with `memoryBytes` of memory, with its label; null for none. */
export function resolveMemoryBudget(
  matrix: ResolvedMatrix,
  memoryBytes: number,
): { bytes: number; label: string } | null {
  const budget = matrix.recommendation.memoryBudget;
  if (!budget) return null;
  if ('bytes' in budget) return { bytes: budget.bytes, label: formatBytes(budget.bytes) };
  const bytes = budget.fraction * memoryBytes;
  return { bytes, label: `${formatBytes(bytes)} (${formatPercent(budget.fraction)} of ${formatBytes(memoryBytes)})` };
}

function selectEligible(input: RecommendationInput, reasons: string[]): ConfigurationStats[] {
  const budget = resolveMemoryBudget(input.matrix, input.hardware.memoryBytes);
  const eligible: ConfigurationStats[] = [];
  for (const config of input.performance.configurations) {
    const determinism = input.determinism.configurations[config.key] ?? 'no-data';
    if (determinism !== 'pass') {
      reasons.push(
        determinism === 'fail'
          ? `${config.key} excluded: its output differed from the reference run (not deterministic)`
          : `${config.key} excluded: no digests, so its determinism is unproven`,
      );
    } else if (config.failedRuns > 0) {
      const oom = config.oomRuns ?? 0;
      reasons.push(
        `${config.key} excluded: ${config.failedRuns} run(s) ${oom === config.failedRuns ? 'killed by the OOM killer' : oom > 0 ? `crashed, timed out or were OOM-killed (${oom} OOM)` : 'crashed or timed out'}`,
      );
    } else if (budget && config.peakRssBytes > budget.bytes) {
      reasons.push(
        `${config.key} excluded: peak memory ${formatBytes(config.peakRssBytes)} exceeds the budget ${budget.label}`,
      );
    } else {
      eligible.push(config);
    }
  }
  for (const missing of input.performance.unmeasured ?? []) {
    const oom = missing.oomRuns
      ? `, ${missing.oomRuns === missing.failedRuns ? 'all' : missing.oomRuns} killed by the OOM killer`
      : '';
    reasons.push(`${missing.key} excluded: no successful timed run (${missing.failedRuns} failed${oom})`);
  }
  return eligible;
}

/** What the recommendation rule reads of a configuration (the adaptive search applies it to its live ones). */
export type RankedConfiguration = Pick<ConfigurationStats, 'threads' | 'mode' | 'medianMs'>;

/** True when a configuration's median is within the tolerance of the best's: it qualifies for the recommendation. */
export function isWithinTolerance(
  config: Pick<RankedConfiguration, 'medianMs'>,
  best: Pick<RankedConfiguration, 'medianMs'>,
  tolerance: number,
): boolean {
  return config.medianMs <= best.medianMs * (1 + tolerance);
}

// The rule itself: the smallest thread count whose median is within the tolerance of the best's; ties
// go to the best's mode, then sequential < selective < aggressive. Medians alone, not "or its interval
// overlaps the best's": with up to 5 samples a median's 95% bootstrap interval is the sample's range,
// so one slow outlier among the best's runs let a far slower, smaller count qualify. On bench:search's
// synthetic curves (seeds 7 and 11) the overlap clause matched the rule on the true curves in 54–58% of
// cases with a mean regret of 9–10% (worst 63–72%); medians alone, in 85–89% with 0.7–1.0% (worst 14–16%).
export function chooseRecommended<T extends RankedConfiguration>(
  eligible: readonly T[],
  best: T,
  tolerance: number,
): { config: T } {
  const modeRank = (mode: ThreadingMode): number => (mode === best.mode ? -1 : THREADING_MODES.indexOf(mode));
  const candidates = eligible
    .filter((config) => isWithinTolerance(config, best, tolerance))
    .sort((a, b) => a.threads - b.threads || modeRank(a.mode) - modeRank(b.mode));
  return { config: candidates[0]! }; // the best itself always qualifies
}

// A recommendation must never rest on a difference the same report calls unmeasurable (issue 19: a
// 4-thread pick over a single noisy 1-thread sample while the findings said "no measurable effect").
// A smaller thread count than the tolerance rule's pick is kept when it is not measurably slower than
// the best nor than the pick AND the report's findings find no measurable thread-count effect at all
// (single samples count for nothing there). Where the findings do find one, the medians-only rule
// stands: the "or the intervals overlap" clause it replaced had 9-10% regret.
function findUnmeasurableSmaller(
  eligible: readonly ConfigurationStats[],
  byTolerance: ConfigurationStats,
  best: ConfigurationStats,
  threadsMatter: boolean,
  minEffect: number,
): { config: ConfigurationStats; why: string } | null {
  const modeRank = (mode: ThreadingMode): number => (mode === best.mode ? -1 : THREADING_MODES.indexOf(mode));
  const smaller = eligible
    .filter((config) => config.threads < byTolerance.threads)
    .sort((a, b) => a.threads - b.threads || modeRank(a.mode) - modeRank(b.mode));
  if (threadsMatter) return null;
  for (const config of smaller) {
    // Passing it over is sound when it is measurably slower than the best or than the pick.
    if (differMeasurably(config, best, minEffect) || differMeasurably(config, byTolerance, minEffect)) continue;
    const single = [
      ...new Set([config, byTolerance, best].filter((c) => c.n < MIN_SAMPLES_FOR_EFFECT).map((c) => c.key)),
    ];
    const noise =
      single.length > 0
        ? `${single.join(' and ')} ${single.length === 1 ? 'has' : 'have'} a single timed sample (median ${formatMs(config.medianMs)} vs the best's ${formatMs(best.medianMs)}), whose noise is not measured`
        : `${config.key} (median ${formatMsEstimate(config.medianCi)}) is not measurably slower than ${best.key} (${formatMsEstimate(best.medianCi)})`;
    return { config, why: `thread count had no measurable effect on runtime and ${noise}` };
  }
  return null;
}

// Largest thread count (recommended mode) with efficiency ≥ 0.5: measured, then extended by the
// model up to its peak while its predicted efficiency stays ≥ 0.5 and the measured curve had not yet fallen.
function findMaxThreads(configs: readonly ConfigurationStats[], model: ScalingModel | null, floor: number): number {
  const measured = configs.filter((c) => c.efficiency !== null).sort((a, b) => a.threads - b.threads);
  const good = measured.filter((c) => c.efficiency!.value >= 0.5);
  let maxThreads = good.length > 0 ? good[good.length - 1]!.threads : floor;
  const largestTested = measured.length > 0 ? measured[measured.length - 1]!.threads : floor;
  if (model && maxThreads === largestTested) {
    for (let n = maxThreads + 1; n <= model.peakThreads; n += 1) {
      if (predictSpeedup(n, model.sigma, model.kappa) / n >= 0.5) maxThreads = n;
    }
  }
  return Math.max(maxThreads, floor);
}

function slopeBytesPerThread(configs: readonly ConfigurationStats[]): number {
  if (new Set(configs.map((c) => c.threads)).size < 2) return 0;
  const { m } = linearRegression(configs.map((c) => [c.threads, c.peakRssBytes]));
  return Math.max(0, Math.round(m));
}

/**
 * Confidence in 0..1 = sampleFactor × precisionFactor, where sampleFactor = min(1, n / 5) for the
 * smaller sample of the recommended and best configurations, and precisionFactor = 1 / (1 + w / tol),
 * w the larger relative half-width of their median intervals: noise as wide as the tolerance halves it.
 */
function computeConfidence(chosen: ConfigurationStats, best: ConfigurationStats, tolerance: number): number {
  const sampleFactor = Math.min(1, Math.min(chosen.n, best.n) / CONFIDENT_SAMPLES);
  const halfWidth = (c: ConfigurationStats): number => (c.medianCi.high - c.medianCi.low) / (2 * c.medianMs);
  const width = Math.max(halfWidth(chosen), halfWidth(best));
  const precisionFactor = 1 / (1 + width / Math.max(tolerance, 1e-6));
  return Math.round(sampleFactor * precisionFactor * 100) / 100;
}

// YAML for PlanAlign's simulation_config.yaml (threading must be enabled or dbt ignores the count; the
// resource manager, whose max_threads caps the adaptive adjuster, sits inside orchestrator.threading).
export function renderPlanalignSnippet(threads: number, mode: ThreadingMode, maxThreads: number): string {
  return [
    'orchestrator:',
    '  threading:',
    '    enabled: true',
    `    thread_count: ${threads}`,
    `    mode: ${mode}`,
    '    resource_management:',
    `      max_threads: ${maxThreads}`,
    'optimization:',
    '  e068c_threading:',
    `    dbt_threads: ${threads}`,
    '',
  ].join('\n');
}

// The recommendation, or an error saying why none can be made (every exclusion named).
export function recommendThreads(input: RecommendationInput): { recommendation: Recommendation } | { error: string } {
  const reasons: string[] = [];
  const eligible = selectEligible(input, reasons);
  if (eligible.length === 0) {
    return { error: `no configuration is eligible for a recommendation: ${reasons.join('; ') || 'no timed runs'}` };
  }
  const tolerance = input.matrix.recommendation.tolerance;
  const best = eligible.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const byTolerance = chooseRecommended(eligible, best, tolerance).config;
  // An adaptive or predicted search's races drop configurations after a sample or two by their own
  // statistics, or unmeasured on a prediction (the search section says which and why), which leaves the
  // findings with nothing to judge a thread effect on: there the race's decisions stand (bench:search:
  // 78% agreement with the truth, 0% without this).
  const raced = (input.matrix.search?.strategy ?? 'exhaustive') !== 'exhaustive';
  const unmeasurable = raced
    ? null
    : findUnmeasurableSmaller(
        eligible,
        byTolerance,
        best,
        input.performance.threadsMatter,
        input.minEffect ?? DEFAULT_MIN_EFFECT,
      );
  const chosen = unmeasurable?.config ?? byTolerance;
  reasons.push(`fastest eligible configuration: ${best.key}, median ${formatMsEstimate(best.medianCi, best.n)}`);
  if (unmeasurable) {
    reasons.push(
      `recommended ${chosen.key}, the smallest thread count, not ${byTolerance.key}: ${unmeasurable.why}, so the report cannot tell them apart and more threads would rest on a difference it calls unmeasurable`,
    );
  } else if (chosen === best) {
    reasons.push(
      `recommended ${chosen.key}: the fastest, and no smaller thread count's median came within ${formatPercent(tolerance)} of it`,
    );
  } else {
    reasons.push(
      `recommended ${chosen.key}, the smallest thread count as fast as the best: its median ${formatMs(chosen.medianMs)} is within the ${formatPercent(tolerance)} tolerance of the best's`,
    );
  }
  const noise = describeRecommendationNoise(chosen, best);
  if (noise) reasons.push(noise);
  reasons.push(...input.performance.findings);
  const sameMode = input.performance.configurations.filter((c) => c.mode === chosen.mode);
  const model = input.performance.models.find((m) => m.mode === chosen.mode) ?? null;
  const maxThreads = findMaxThreads(sameMode, model, chosen.threads);
  return {
    recommendation: {
      schemaVersion: 1,
      generatedAt: input.now,
      hardware: input.hardware,
      target: input.target,
      thread_count: chosen.threads,
      mode: chosen.mode,
      max_threads: maxThreads,
      memory_per_thread_bytes: slopeBytesPerThread(sameMode),
      best: { threads: best.threads, mode: best.mode, medianMs: best.medianMs },
      speedup_curve: input.performance.configurations
        .filter((c) => c.speedup !== null)
        .map((c) => ({ threads: c.threads, mode: c.mode, speedup: c.speedup!.value })),
      model,
      confidence: computeConfidence(chosen, best, tolerance),
      reasons,
      planalign_snippet: renderPlanalignSnippet(chosen.threads, chosen.mode, maxThreads),
    },
  };
}

// Per-configuration timing statistics, speedups against 1 thread, scaling models and plain-language
// findings: the performance half of every report.
import { max, mean } from 'simple-statistics';
import { configKey, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import { bootstrapMedian, bootstrapMedianRatio, DEFAULT_SEED } from './bootstrap.js';
import { describeFindings } from './findings.js';
import { countNoisy, describeNoiseFinding, describeOomFinding } from './noise.js';
import type { PerformanceCache } from './performance-cache.js';
import { deriveSeed } from '../core/prng.js';
import { fitScalingModel } from './scaling-model.js';
import { summarizeSample } from './statistics.js';
import type { ConfigurationStats, Estimate, PerformanceSummary, ScalingModel } from './types.js';

/** Options of summarizePerformance; all optional. */
export interface PerformanceOptions {
  /** Bootstrap seed (default DEFAULT_SEED); each configuration derives its own stream from it. */
  readonly seed?: number;
  /** Bootstrap resamples (default 10,000). */
  readonly resamples?: number;
  /**
   * Smallest relative change counted as an effect even when intervals do not overlap (default
   * 0.03): below it a difference is "within noise" of a machine's drift.
   */
  readonly minEffect?: number;
  /** Intervals remembered from an earlier call with the same seed and resamples (a report rebuilt after each run). */
  readonly cache?: PerformanceCache;
}

/** Default of PerformanceOptions.minEffect. */
export const DEFAULT_MIN_EFFECT = 0.03;

interface Group {
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly timed: RunRecord[];
  failedRuns: number;
  oomRuns: number;
}

function groupRuns(runs: readonly RunRecord[]): Group[] {
  const groups = new Map<string, Group>();
  for (const run of runs) {
    const key = configKey(run);
    let group = groups.get(key);
    if (!group) {
      group = { threads: run.threads, mode: run.mode, timed: [], failedRuns: 0, oomRuns: 0 };
      groups.set(key, group);
    }
    // A crash is a crash whether or not the run was timed: it makes the configuration ineligible.
    if (run.status !== 'ok') {
      group.failedRuns += 1;
      if (run.status === 'oom') group.oomRuns += 1;
    } else if (!run.warmup) group.timed.push(run);
  }
  const modeRank = (mode: ThreadingMode): number => THREADING_MODES.indexOf(mode);
  return [...groups.values()].sort((a, b) => modeRank(a.mode) - modeRank(b.mode) || a.threads - b.threads);
}

function median(values: readonly number[]): number {
  return summarizeSample(values).median;
}

/** Computes an interval, or takes it from the cache when its samples are unchanged. */
type Estimator = (name: string, samples: readonly (readonly number[])[], compute: () => Estimate) => Estimate;

function describeConfiguration(group: Group, seed: number, resamples: number, estimate: Estimator): ConfigurationStats {
  const key = configKey(group);
  const samplesMs = group.timed.map((run) => run.wallMs);
  const summary = summarizeSample(samplesMs);
  return {
    key,
    threads: group.threads,
    mode: group.mode,
    samplesMs,
    n: summary.n,
    failedRuns: group.failedRuns,
    medianMs: summary.median,
    madMs: summary.mad,
    minMs: summary.min,
    maxMs: summary.max,
    medianCi: estimate(`median:${key}`, [samplesMs], () =>
      bootstrapMedian(samplesMs, { seed: deriveSeed(seed, key), resamples }),
    ),
    outliers: summary.outliers,
    speedup: null,
    efficiency: null,
    peakRssBytes: max(group.timed.map((run) => run.peakRssBytes)),
    meanCores: mean(group.timed.map((run) => run.meanCores)),
    cpuMs: median(group.timed.map((run) => run.cpuMs)),
    noisySamples: countNoisy(group.timed),
    oomRuns: group.oomRuns,
  };
}

function scale(estimate: Estimate, factor: number): Estimate {
  return { value: estimate.value * factor, low: estimate.low * factor, high: estimate.high * factor };
}

function addSpeedups(
  stats: ConfigurationStats[],
  seed: number,
  resamples: number,
  estimate: Estimator,
): ConfigurationStats[] {
  return stats.map((config) => {
    const base = stats.find((other) => other.mode === config.mode && other.threads === 1);
    if (!base) return config;
    // The 1-thread configuration is its own baseline: exactly 1, not a noisy self-ratio.
    const speedup =
      base === config
        ? { value: 1, low: 1, high: 1 }
        : estimate(`speedup:${config.key}`, [base.samplesMs, config.samplesMs], () =>
            bootstrapMedianRatio(base.samplesMs, config.samplesMs, {
              seed: deriveSeed(seed, `speedup:${config.key}`),
              resamples,
            }),
          );
    return { ...config, speedup, efficiency: scale(speedup, 1 / config.threads) };
  });
}

// The performance section of a report from the journal's runs (timed, successful runs only).
export function summarizePerformance(runs: readonly RunRecord[], options: PerformanceOptions = {}): PerformanceSummary {
  const { seed = DEFAULT_SEED, resamples, minEffect = DEFAULT_MIN_EFFECT } = options;
  const groups = groupRuns(runs);
  const measured = groups.filter((group) => group.timed.length > 0);
  // The cache is keyed by name and samples only: one cache serves one seed and one resample count.
  const estimate: Estimator = options.cache ? options.cache.estimate : (_name, _samples, compute) => compute();
  const configurations = addSpeedups(
    measured.map((group) => describeConfiguration(group, seed, resamples ?? 10_000, estimate)),
    seed,
    resamples ?? 10_000,
    estimate,
  );
  const models: ScalingModel[] = [];
  for (const mode of THREADING_MODES) {
    const points = configurations
      .filter((config) => config.mode === mode && config.speedup !== null)
      .map((config) => ({ threads: config.threads, speedup: config.speedup!.value }));
    const model = fitScalingModel(points, mode);
    if (model) models.push(model);
  }
  const findings = describeFindings(configurations, minEffect);
  const conditionFindings = [
    describeNoiseFinding(configurations),
    describeOomFinding(new Map(groups.map((group) => [configKey(group), group.oomRuns]))),
  ].filter((sentence): sentence is string => sentence !== null);
  return {
    configurations,
    models,
    findings: [...findings.sentences, ...conditionFindings],
    threadsMatter: findings.threadsMatter,
    modesMatter: findings.modesMatter,
    unmeasured: groups
      .filter((group) => group.timed.length === 0)
      .map((group) => ({
        key: configKey(group),
        threads: group.threads,
        mode: group.mode,
        failedRuns: group.failedRuns,
        oomRuns: group.oomRuns,
      })),
  };
}

// The summary of a timeline: the figures a run record and the reports carry.
import type { TimelineSample, TimelineSummary } from './types.js';

/** What the sampler knows beyond its samples. */
export interface SummaryInput {
  readonly samples: readonly TimelineSample[];
  readonly intervalMs: number;
  /** Cumulative CPU ticks of the tree at the last sample (TreeCpuAccount). */
  readonly cpuTicks: number;
  readonly ticksPerSecond: number;
  /** The highest VmHWM of any single process of the tree. */
  readonly peakProcessHwmBytes: number;
  /** Cumulative system busy and steal core·ms and the harness's own CPU ms; null without system sampling. */
  readonly system?: { readonly systemCoreMs: number; readonly stealCoreMs: number; readonly selfCpuMs: number } | null;
}

/**
 * Summarizes a timeline.
 * - peakRssBytes: the larger of the highest sampled tree RSS and the highest VmHWM of any single
 *   process. Both are amounts the tree really held at some instant, so the figure never overstates;
 *   VmHWM catches a single process's spike between samples. The sum of all processes' VmHWM is not
 *   used: their peaks need not coincide (a pipeline's stages peak one after another), so that sum
 *   can exceed anything the tree ever held. A tree's spike spread over several processes between
 *   two samples can still be missed. RSS counts shared pages once per process; treePssBytes is the
 *   honest per-sample sum where smaps_rollup is readable.
 * - cpuMs: cumulative tree CPU (reaped descendants included) at the last sample.
 * - meanCores: cpuMs over the sampled span (first sample's start to the last sample).
 * - peakCores: the highest per-sample treeCores over intervals at least half the nominal one;
 *   shorter intervals (the final sample taken when the run ends) hold one or two clock ticks,
 *   whose quantization would dominate.
 * - outsideCores / stealCores: (system busy − steal − tree − harness) and steal core·ms over the
 *   span, from the cumulative sums: per-sample values are clamped at 0 against tick quantization,
 *   which would bias their mean upwards; the sums are not.
 */
export function summarizeTimeline(input: SummaryInput): TimelineSummary {
  const { samples } = input;
  const cpuMs = (input.cpuTicks * 1000) / input.ticksPerSecond;
  const spanMs = samples.at(-1)?.tMs ?? 0;
  let peakCores = 0;
  let anyPeakCores = 0;
  let previousMs = 0;
  let peakTreeRss = 0;
  for (const sample of samples) {
    anyPeakCores = Math.max(anyPeakCores, sample.treeCores);
    if (sample.tMs - previousMs >= input.intervalMs / 2) peakCores = Math.max(peakCores, sample.treeCores);
    previousMs = sample.tMs;
    peakTreeRss = Math.max(peakTreeRss, sample.treeRssBytes);
  }
  const { system } = input;
  const outside =
    system && spanMs > 0
      ? {
          outsideCores: Math.max(0, system.systemCoreMs - system.stealCoreMs - cpuMs - system.selfCpuMs) / spanMs,
          stealCores: system.stealCoreMs / spanMs,
        }
      : {};
  return {
    peakRssBytes: Math.max(peakTreeRss, input.peakProcessHwmBytes),
    meanCores: spanMs > 0 ? cpuMs / spanMs : 0,
    peakCores: peakCores > 0 ? peakCores : anyPeakCores,
    cpuMs,
    ...outside,
  };
}

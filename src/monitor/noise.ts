// A noisy machine is detected, not silently measured: how much other work shared the machine with
// a run, and whether it was more than the matrix tolerates.
import { setTimeout as sleep } from 'node:timers/promises';
import { hasLinuxProc } from '../platform/platform-paths.js';
import { PortableSystemUsageReader } from './portable-system-usage.js';
import { SystemUsageReader } from './system-usage.js';
import type { TimelineSummary } from './types.js';

/** A run's noise figures, as its journal record carries them. */
export interface RunNoise {
  /** Mean cores busy outside the run's tree and the harness while it ran. */
  readonly outsideCores: number;
  /** Mean cores of hypervisor steal time while it ran. */
  readonly stealCores: number;
  /** True when outsideCores + stealCores exceeded the threshold. */
  readonly noisy: boolean;
}

/** The noise of a run from its timeline summary; null when the system was not sampled. */
export function judgeNoise(summary: TimelineSummary | undefined, thresholdCores: number): RunNoise | null {
  if (summary?.outsideCores === undefined || summary.stealCores === undefined) return null;
  const outsideCores = Math.round(summary.outsideCores * 1000) / 1000;
  const stealCores = Math.round(summary.stealCores * 1000) / 1000;
  return { outsideCores, stealCores, noisy: outsideCores + stealCores > thresholdCores };
}

/**
 * Cores the machine spends on other work over `ms` (busy − this process's own CPU, steal counted
 * as busy): sampled once before a matrix starts, to warn when the machine is already busy.
 */
export async function sampleMachineLoad(ms = 1000): Promise<{ busyCores: number; stealCores: number }> {
  const reader = hasLinuxProc() ? SystemUsageReader.open() : new PortableSystemUsageReader();
  const before = process.cpuUsage();
  const startMs = performance.now();
  await sleep(ms);
  const usage = reader.read();
  const used = process.cpuUsage(before);
  const elapsedMs = performance.now() - startMs;
  reader.close();
  const selfCores = (used.user + used.system) / 1000 / Math.max(1, elapsedMs);
  return { busyCores: Math.max(0, usage.busyCores - selfCores), stealCores: usage.stealCores };
}

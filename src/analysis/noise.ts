// What noise and OOM kills mean for the figures: how many samples of each configuration were
// measured while other work shared the machine, and how many runs the OOM killer took. Pure.
import type { RunRecord } from '../core/run-record.js';
import type { ConfigurationStats } from './types.js';

/** Runs flagged noisy; undefined when none of them was judged (journals written before noise was measured). */
export function countNoisy(runs: readonly RunRecord[]): number | undefined {
  if (!runs.some((run) => run.noisy !== undefined)) return undefined;
  return runs.filter((run) => run.noisy === true).length;
}

/** Runs the kernel's OOM killer ended. */
export function countOom(runs: readonly RunRecord[]): number {
  return runs.filter((run) => run.status === 'oom').length;
}

/** A finding naming the configurations with noisy samples (or saying there were none); null when noise was not measured. */
export function describeNoiseFinding(configurations: readonly ConfigurationStats[]): string | null {
  if (!configurations.some((config) => config.noisySamples !== undefined)) return null;
  const noisy = configurations.filter((config) => (config.noisySamples ?? 0) > 0);
  const total = configurations.reduce((sum, config) => sum + config.n, 0);
  if (noisy.length === 0) return `none of the ${total} timed sample(s) was measured on a noisy machine`;
  const count = noisy.reduce((sum, config) => sum + (config.noisySamples ?? 0), 0);
  const where = noisy.map((config) => `${config.key} (${config.noisySamples} of ${config.n})`).join(', ');
  return `${count} of ${total} timed sample(s) were measured on a noisy machine (other work above the noise threshold), kept in the statistics: ${where}`;
}

/** A finding about OOM kills, or null when there were none. */
export function describeOomFinding(oomByConfiguration: ReadonlyMap<string, number>): string | null {
  const entries = [...oomByConfiguration].filter(([, count]) => count > 0);
  if (entries.length === 0) return null;
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return `${total} run(s) were killed by the kernel's OOM killer: ${entries.map(([key, count]) => `${key} (${count})`).join(', ')}`;
}

/** How many of the samples behind a recommendation were noisy, in one sentence. */
export function describeRecommendationNoise(chosen: ConfigurationStats, best: ConfigurationStats): string | null {
  if (chosen.noisySamples === undefined) return null;
  const configs = chosen === best ? [chosen] : [chosen, best];
  const parts = configs.map((config) => `${config.key} ${config.noisySamples ?? 0} of ${config.n}`);
  const any = configs.some((config) => (config.noisySamples ?? 0) > 0);
  return `noisy samples behind this recommendation: ${parts.join(', ')}${any ? ' (measured while other work shared the machine; re-run on a quiet machine or with --rerun-noisy to be sure)' : ''}`;
}

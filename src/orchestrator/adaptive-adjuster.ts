// The adaptive thread adjuster (E067 S067-03): watches the process's resident memory and lowers
// the engine's concurrency when it passes a limit, raising it again once memory has fallen.
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { ThreadAdjustment } from './model-types.js';

/** How the adjuster samples and decides; readRssBytes is injectable for tests of the policy. */
export interface AdjusterOptions {
  readonly limit: ConcurrencyLimit;
  readonly memoryLimitBytes: number;
  /** The ceiling to raise back to (the recommendation's max_threads, or the thread count). */
  readonly raiseTo: number;
  readonly intervalMs?: number;
  /** Memory must fall below this share of the limit before concurrency is raised again. */
  readonly lowWaterRatio?: number;
  readonly clock: () => number;
  readonly readRssBytes?: () => number;
}

/** One decision of the policy: the next limit and why, or null to keep the current one. */
export function decideAdjustment(
  current: number,
  rssBytes: number,
  o: Pick<AdjusterOptions, 'memoryLimitBytes' | 'raiseTo' | 'lowWaterRatio'>,
): { to: number; reason: string } | null {
  const megabytes = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  if (rssBytes > o.memoryLimitBytes && current > 1) {
    return {
      to: Math.max(1, Math.floor(current / 2)),
      reason: `rss ${megabytes(rssBytes)} above limit ${megabytes(o.memoryLimitBytes)}`,
    };
  }
  if (rssBytes < o.memoryLimitBytes * (o.lowWaterRatio ?? 0.8) && current < o.raiseTo) {
    return {
      to: current + 1,
      reason: `rss ${megabytes(rssBytes)} below ${Math.round((o.lowWaterRatio ?? 0.8) * 100)}% of limit ${megabytes(o.memoryLimitBytes)}`,
    };
  }
  return null;
}

/** Starts sampling; returns a function that stops it and hands back the adjustments made. */
export function startAdaptiveAdjuster(options: AdjusterOptions): () => ThreadAdjustment[] {
  const adjustments: ThreadAdjustment[] = [];
  const readRss = options.readRssBytes ?? (() => process.memoryUsage.rss());
  const sample = (): void => {
    const rssBytes = readRss();
    const from = options.limit.current;
    const decision = decideAdjustment(from, rssBytes, options);
    if (decision === null) return;
    const to = options.limit.set(decision.to);
    if (to !== from)
      adjustments.push({ atMs: options.clock(), fromThreads: from, toThreads: to, reason: decision.reason, rssBytes });
  };
  sample();
  const timer = setInterval(sample, options.intervalMs ?? 25);
  return () => {
    clearInterval(timer);
    return adjustments;
  };
}

// When `run` rewrites its reports while a matrix is going. Rewriting everything after every run
// costs time in proportion to the runs so far (report.json holds every record, the statistics
// bootstrap every configuration), so over a 1,000-run soak the reports would cost quadratic time.
//
// The rule: after run n, the reports are due when
//   - n ≤ EVERY_RUN_UNTIL (a short matrix behaves as before: fresh reports after every run), or
//   - n has grown by GROWTH since the last rewrite (geometric steps: the total cost of all interim
//     rewrites stays a constant multiple of the last one, so the cost per run does not grow), or
//   - STALE_AFTER_MS have passed since the last rewrite and that rewrite took at most
//     1/STALE_FACTOR of the time since (slow runs still get fresh reports, at a bounded share).
// Each file then keeps a budget of its own: once written, it is rewritten only when its last write
// took at most 1/FILE_COST_FACTOR of the time since. The text formats take milliseconds and follow
// the rule above; report.html renders its Vega charts (0.3–0.5 s), which after every 8-s run would
// be 5% of a tuning run by itself, so between runs it is refreshed about every 200× its render time.
// The end of the matrix (finished or interrupted with Ctrl-C) always writes everything (finishReport).
// A skipped interim rewrite loses nothing: the journal is the truth, `threadgate report RUN_DIR`
// rebuilds every file from it, and a harness killed outright leaves reports at most GROWTH behind.
import type { BaselineFile } from '../baselines/types.js';
import type { PlanFile } from '../runner/run-directory.js';
import type { RunRecord } from '../core/run-record.js';
import { createPerformanceCache } from '../analysis/performance-cache.js';
import { assembleReport } from './assemble-report.js';
import type { Report } from './types.js';

/** Runs after each of which the reports are always rewritten. */
export const EVERY_RUN_UNTIL = 20;
/** Growth of the run count that triggers a rewrite: 1.1 = 10% more runs than at the last one. */
export const GROWTH = 1.1;
/** Time since the last rewrite after which reports are rewritten anyway, if that is cheap enough. */
export const STALE_AFTER_MS = 60_000;
/** A stale rewrite happens only when the last one took at most 1/STALE_FACTOR of the time since. */
export const STALE_FACTOR = 20;
/** A file already written is rewritten between runs only when its last write took at most 1/FILE_COST_FACTOR of the time since. */
export const FILE_COST_FACTOR = 200;

export interface ReportRewriterOptions {
  readonly runDir: string;
  readonly planFile: PlanFile;
  readonly baseline: BaselineFile | null;
  /** The report files, in the order they are written (the run's ReportWriter's). */
  readonly files: readonly string[];
  /** Writes one report file (the run's ReportWriter, with its error handling). */
  readonly write: (report: Report, file: string) => Promise<void>;
  readonly now: () => Date;
}

/** The afterRun hook of `run`, with the rule above and statistics cached between rewrites. */
export interface ReportRewriter {
  afterRun(records: readonly RunRecord[]): Promise<void>;
  /** How many times the reports were due and rewritten so far (each file within its budget). */
  fullRewrites(): number;
}

/** True when the reports are due after `runs` runs (see the rule at the top of this file). */
export function isRewriteDue(
  runs: number,
  last: { runs: number; atMs: number; tookMs: number } | null,
  nowMs: number,
): boolean {
  if (last === null || runs <= EVERY_RUN_UNTIL || runs >= last.runs * GROWTH) return true;
  const sinceMs = nowMs - last.atMs;
  return sinceMs >= STALE_AFTER_MS && last.tookMs * STALE_FACTOR <= sinceMs;
}

/** True when a file last written at `last` (null: never) is within its cost budget at `nowMs`. */
export function isFileRewriteDue(last: { atMs: number; tookMs: number } | null, nowMs: number): boolean {
  return last === null || last.tookMs * FILE_COST_FACTOR <= nowMs - last.atMs;
}

export function createReportRewriter(options: ReportRewriterOptions): ReportRewriter {
  const performanceCache = createPerformanceCache();
  let last: { runs: number; atMs: number; tookMs: number } | null = null;
  const lastWrites = new Map<string, { atMs: number; tookMs: number }>();
  let rewrites = 0;
  return {
    async afterRun(records) {
      const startMs = options.now().getTime();
      if (!isRewriteDue(records.length, last, startMs)) return;
      const due = options.files.filter((file) => isFileRewriteDue(lastWrites.get(file) ?? null, startMs));
      const { runDir, planFile, baseline } = options;
      const interim = await assembleReport({
        runDir,
        planFile,
        records,
        finishedAt: new Date(startMs).toISOString(),
        baseline,
        performanceCache,
      });
      for (const file of due) {
        const fileStartMs = options.now().getTime();
        await options.write(interim, file);
        lastWrites.set(file, { atMs: fileStartMs, tookMs: options.now().getTime() - fileStartMs });
      }
      last = { runs: records.length, atMs: startMs, tookMs: options.now().getTime() - startMs };
      rewrites += 1;
    },
    fullRewrites: () => rewrites,
  };
}

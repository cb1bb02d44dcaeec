// The history's part of the release gate (pure): a change point that makes a configuration's wall
// time slower by more than the matrix's regressionThreshold and began within the newest commits is
// a regression (exit 3), named by the commit range it began in. An older step is the new normal.
import type { HistoryCheck, SeriesChange, SeriesCheck } from './check-history.js';

/** How many newest commits a change may begin in to fail the gate (`--history-window`). */
export const DEFAULT_HISTORY_WINDOW = 5;

export interface HistoryRegression {
  readonly series: SeriesCheck;
  readonly change: SeriesChange;
  readonly threshold: number;
}

export interface HistoryGateResult {
  readonly verdict: 'pass' | 'fail';
  readonly exitCode: 0 | 3;
  readonly regressions: readonly HistoryRegression[];
  readonly message: string;
}

function formatPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}

/** Short form of a commit label (a SHA's first 10 digits; `run <time>` as it is). */
export function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 10) : commit;
}

/** One line naming a change: configuration, size with interval, significance, commit range. */
export function describeChange(series: SeriesCheck, change: SeriesChange): string {
  const metric = series.metric === 'wallMs' ? 'wall time' : series.metric === 'cpuMs' ? 'CPU time' : 'peak memory';
  return `${series.configuration} (${series.matrixName}) ${metric} ${formatPercent(change.relativeChange)} [${formatPercent(change.interval.low)}, ${formatPercent(change.interval.high)}] p=${change.pValue.toExponential(1)}, began between ${shortCommit(change.lastBefore)} and ${shortCommit(change.firstAfter)} (${change.commitsFromNewest} commit(s) ago incl. the newest)`;
}

/**
 * Regressions among `check`'s wall-time changes: slower by more than the matrix's threshold
 * (`thresholds`, by matrix name; `fallbackThreshold` otherwise) and beginning within `windowCommits`.
 */
export function judgeHistory(
  check: HistoryCheck,
  windowCommits: number,
  thresholds: Readonly<Record<string, number>>,
  fallbackThreshold = 0.1,
): HistoryGateResult {
  const regressions: HistoryRegression[] = [];
  for (const series of check.series) {
    if (series.metric !== 'wallMs') continue;
    const threshold = thresholds[series.matrixName] ?? fallbackThreshold;
    for (const change of series.changes) {
      if (change.relativeChange > threshold && change.commitsFromNewest <= windowCommits)
        regressions.push({ series, change, threshold });
    }
  }
  if (regressions.length === 0) {
    return {
      verdict: 'pass',
      exitCode: 0,
      regressions,
      message: `no configuration became slower by more than its threshold within the newest ${windowCommits} commit(s)`,
    };
  }
  return {
    verdict: 'fail',
    exitCode: 3,
    regressions,
    message: `${regressions.length} slowdown(s) began within the newest ${windowCommits} commit(s): ${regressions.map((r) => describeChange(r.series, r.change)).join('; ')}`,
  };
}

// history-summary.md (pure): for the CI job's page, a line per configuration with its wall time
// now against a week and a month before (the newest commit at least that much older), the newest
// change point, and the output and determinism changes; every outside value escaped for Markdown.
import { formatMs } from '../core/format.js';
import { escapeMarkdown as md, escapeMarkdownCode as mdCode } from '../report/escape.js';
import type { HistoryCheck } from './check-history.js';
import { describeChange, shortCommit } from './history-gate.js';
import type { LoadedHistory } from './read-history.js';
import type { HistoryPoint } from './types.js';

const DAY_MS = 24 * 3600 * 1000;

function signed(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

/** The newest point at least `ageMs` older than `newest`, or null. */
function pointBefore(points: readonly HistoryPoint[], newest: HistoryPoint, ageMs: number): HistoryPoint | null {
  const limit = Date.parse(newest.time) - ageMs;
  for (let i = points.length - 1; i >= 0; i--) if (Date.parse(points[i]!.time) <= limit) return points[i]!;
  return null;
}

function compare(now: HistoryPoint, then: HistoryPoint | null): string {
  return then === null
    ? '–'
    : `${signed(now.wallMs / then.wallMs - 1)} (${formatMs(then.wallMs)} at ${md(shortCommit(then.commit))})`;
}

/** The Markdown summary of a history and its check. */
export function buildHistorySummary(history: LoadedHistory, check: HistoryCheck): string {
  const lines = [
    `## threadgate nightly history`,
    '',
    `${history.runs} run(s) in ${mdCode(history.file)}; change points by E-Divisive means with Student's t-test (p <= ${check.settings.maxPValue}, levels of >= ${check.settings.minSegment} commits).`,
    '',
  ];
  lines.push(
    '| configuration | matrix | hardware | now | vs a week ago | vs a month ago | newest change |',
    '|---|---|---|---|---|---|---|',
  );
  for (const series of check.series.filter((s) => s.metric === 'wallMs')) {
    const points = history.points.filter(
      (p) =>
        p.hardwareId === series.hardwareId &&
        p.matrixName === series.matrixName &&
        p.configuration === series.configuration,
    );
    const newest = points.at(-1);
    if (newest === undefined) continue;
    const change = series.changes.at(-1);
    const changeText =
      change === undefined
        ? 'none'
        : `${signed(change.relativeChange)} from ${md(shortCommit(change.firstAfter))} (${change.commitsFromNewest} commit(s) ago)`;
    lines.push(
      `| ${md(series.configuration)} | ${md(series.matrixName)} | ${md(series.hardwareId)} | ${formatMs(newest.wallMs)} at ${md(shortCommit(newest.commit))} | ${compare(newest, pointBefore(points, newest, 7 * DAY_MS))} | ${compare(newest, pointBefore(points, newest, 30 * DAY_MS))} | ${changeText} |`,
    );
  }
  const recent = check.series
    .filter((s) => s.metric !== 'wallMs')
    .flatMap((s) => s.changes.filter((c) => c.commitsFromNewest <= 5).map((c) => `- ${md(describeChange(s, c))}`));
  if (recent.length > 0) lines.push('', 'CPU and memory changes within the newest 5 commits:', '', ...recent);
  lines.push('');
  if (check.outputChanges.length === 0) lines.push('Outputs: no table digest changed between commits.');
  else
    lines.push(
      'Outputs changed:',
      '',
      ...check.outputChanges.map(
        (o) =>
          `- ${md(o.matrixName)} ${mdCode(o.table)}: between ${md(shortCommit(o.lastBefore))} and ${md(shortCommit(o.firstAfter))}`,
      ),
    );
  for (const d of check.determinismChanges)
    lines.push(
      `- determinism of ${md(d.matrixName)} ${mdCode(d.table)} ${d.became === 'broken' ? 'broke' : 'came back'} between ${md(shortCommit(d.lastBefore))} and ${md(shortCommit(d.firstAfter))}`,
    );
  return `${lines.join('\n')}\n`;
}

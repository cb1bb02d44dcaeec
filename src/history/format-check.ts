// `history check`'s text: the changes of each series, then output and determinism changes.
import type { HistoryCheck } from './check-history.js';
import { describeChange, shortCommit } from './history-gate.js';

/** The lines `history check` prints for `check` over a history of `runs` runs. */
export function formatHistoryCheck(check: HistoryCheck, runs: number, file: string): string {
  const lines: string[] = [];
  const changed = check.series.filter((s) => s.changes.length > 0);
  const commits = Math.max(0, ...check.series.map((s) => s.commits));
  lines.push(
    `history ${file}: ${runs} run(s), ${check.series.length} series over up to ${commits} commit(s); ${changed.reduce((n, s) => n + s.changes.length, 0)} change point(s) (E-Divisive means, Student's t p <= ${check.settings.maxPValue}, segments >= ${check.settings.minSegment} commits)`,
  );
  for (const series of changed)
    for (const change of series.changes)
      lines.push(`  change  ${series.hardwareId}  ${describeChange(series, change)}`);
  if (check.outputChanges.length === 0) lines.push('outputs: no table digest changed between commits');
  for (const o of check.outputChanges) {
    lines.push(
      `  output  ${o.matrixName} ${o.table}: digest changed between ${shortCommit(o.lastBefore)} and ${shortCommit(o.firstAfter)} (${(o.digestBefore ?? 'none').slice(0, 12)} -> ${(o.digestAfter ?? 'none').slice(0, 12)})`,
    );
  }
  for (const d of check.determinismChanges) {
    lines.push(
      `  determinism  ${d.matrixName} ${d.table}: ${d.became === 'broken' ? 'broke' : 'came back'} between ${shortCommit(d.lastBefore)} and ${shortCommit(d.firstAfter)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// Human text for digests and diffs: one compact block per table.
import type { DatabaseDiff, DatabaseDigest, SampleRow, TableDiff } from './types.js';

/** Which algorithm, then per table: rows and digest, then one line per group. */
export function formatDigest(digest: DatabaseDigest): string {
  const made = Object.values(digest).find((table) => table.present);
  const lines: string[] = [];
  if (made?.algorithm === 'fast-v1') lines.push(`fast digest (fast-v1, DuckDB ${made.duckdbVersion}): compare only with digests from the same DuckDB version; --stable for md5`);
  else if (made) lines.push(`stable digest (${made.algorithm ?? 'md5'}): the same on every DuckDB version`);
  for (const table of Object.values(digest)) {
    if (!table.present) {
      lines.push(`${table.table}  (missing)`);
      continue;
    }
    lines.push(`${table.table}  ${table.rowCount} rows  ${table.digest}`);
    const width = Math.max(0, ...table.groups.map((group) => group.label.length));
    for (const group of table.groups) lines.push(`  ${group.label.padEnd(width)}  ${String(group.rowCount).padStart(8)} rows  ${group.digest}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatSample(row: SampleRow): string {
  const values = Object.entries(row.values).map(([column, value]) => `${column}=${value === null ? 'NULL' : JSON.stringify(value)}`);
  const count = row.surplus > 0 ? `+${row.surplus}` : String(row.surplus);
  return `    ${count.padStart(4)}x  ${values.join(', ')}`;
}

function formatTableDiff(diff: TableDiff): string[] {
  const verdict = diff.identical ? 'identical' : 'DIFFERENT';
  const lines = [`${diff.table}: ${verdict}  (rows A ${diff.rowCounts.a}, B ${diff.rowCounts.b})`];
  if (diff.schemaProblem) lines.push(`  schema: ${diff.schemaProblem}`);
  if (diff.identical) return lines;
  if (diff.groups.length > 0) lines.push(`  groups: ${diff.groups.join('; ')}`);
  if (diff.columns.length > 0) lines.push(`  columns: ${diff.columns.join(', ')} (every difference lies there)`);
  else if (!diff.schemaProblem) lines.push('  columns: no single column explains the differences (rows added, dropped or changed in several columns)');
  if (diff.onlyInA.length > 0) lines.push('  only in A (surplus count):', ...diff.onlyInA.map(formatSample));
  if (diff.onlyInB.length > 0) lines.push('  only in B (surplus count, negative = extra in B):', ...diff.onlyInB.map(formatSample));
  return lines;
}

/** One block per table, then a one-line verdict. */
export function formatDiff(diff: DatabaseDiff): string {
  const blocks = diff.tables.map((table) => formatTableDiff(table).join('\n'));
  blocks.push(diff.identical ? `identical: ${diff.a} and ${diff.b}` : `different: ${diff.a} and ${diff.b}`);
  return `${blocks.join('\n')}\n`;
}

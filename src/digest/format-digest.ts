// Human text for digests and diffs: one compact block per table.
import type { DatabaseDiff, DatabaseDigest, SampleRow, TableDiff } from './types.js';
import { chooseSampleColumns } from './readable-columns.js';

/** Which algorithm, then per table: rows and digest, then one line per group. */
export function formatDigest(digest: DatabaseDigest): string {
  const made = Object.values(digest).find((table) => table.present);
  const lines: string[] = [];
  if (made?.algorithm === 'fast-v1')
    lines.push(
      `fast digest (fast-v1, DuckDB ${made.duckdbVersion}): compare only with digests from the same DuckDB version; --stable for md5`,
    );
  else if (made) lines.push(`stable digest (${made.algorithm ?? 'md5'}): the same on every DuckDB version`);
  for (const table of Object.values(digest)) {
    if (!table.present) {
      lines.push(`${table.table}  (missing)`);
      continue;
    }
    lines.push(`${table.table}  ${table.rowCount} rows  ${table.digest}`);
    const width = Math.max(0, ...table.groups.map((group) => group.label.length));
    for (const group of table.groups)
      lines.push(`  ${group.label.padEnd(width)}  ${String(group.rowCount).padStart(8)} rows  ${group.digest}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatSample(row: SampleRow, columns: readonly string[]): string {
  const values = columns
    .filter((column) => column in row.values)
    .map((column) => `${column}=${row.values[column] === null ? 'NULL' : JSON.stringify(row.values[column])}`);
  const count = row.surplus > 0 ? `+${row.surplus}` : String(row.surplus);
  return `    ${count.padStart(4)}x  ${values.join(', ')}`;
}

function formatTableDiff(diff: TableDiff, groupBy: readonly string[]): string[] {
  const verdict = diff.identical ? 'identical' : 'DIFFERENT';
  const lines = [`${diff.table}: ${verdict}  (rows A ${diff.rowCounts.a}, B ${diff.rowCounts.b})`];
  if (diff.schemaProblem) lines.push(`  schema: ${diff.schemaProblem}`);
  if (diff.identical) return lines;
  if (diff.groups.length > 0) lines.push(`  groups: ${diff.groups.join('; ')}`);
  if (diff.columns.length > 0) lines.push(`  columns: ${diff.columns.join(', ')} (every difference lies there)`);
  else if (!diff.schemaProblem)
    lines.push(
      '  columns: no single column explains the differences (rows added, dropped or changed in several columns)',
    );
  // The differing and identifying columns only; --json prints whole rows.
  const shown = chooseSampleColumns({ reference: diff.onlyInA, run: diff.onlyInB }, diff.columns, groupBy);
  if (shown.length < new Set([...diff.onlyInA, ...diff.onlyInB].flatMap((row) => Object.keys(row.values))).size)
    lines.push(`  sample columns: ${shown.join(', ')} (the differing and identifying ones; --json for whole rows)`);
  if (diff.onlyInA.length > 0)
    lines.push('  only in A (surplus count):', ...diff.onlyInA.map((row) => formatSample(row, shown)));
  if (diff.onlyInB.length > 0)
    lines.push(
      '  only in B (surplus count, negative = extra in B):',
      ...diff.onlyInB.map((row) => formatSample(row, shown)),
    );
  return lines;
}

/** One block per table, then a one-line verdict. */
export function formatDiff(diff: DatabaseDiff, groupBy: Readonly<Record<string, readonly string[]>> = {}): string {
  const blocks = diff.tables.map((table) => formatTableDiff(table, groupBy[table.table] ?? []).join('\n'));
  blocks.push(diff.identical ? `identical: ${diff.a} and ${diff.b}` : `different: ${diff.a} and ${diff.b}`);
  return `${blocks.join('\n')}\n`;
}

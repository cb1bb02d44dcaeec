// Where two DuckDB files differ: per table the counts, schema problems, differing groups, the columns
// that explain every difference (leave-one-out digests), and sample rows with their multiplicities.
import path from 'node:path';
import type { TableSpec } from '../matrix/types.js';
import { digestTable, resolveHashedColumns } from './digest-table.js';
import { sampleBagDifference } from './sample-rows.js';
import { compareSchemas, readSchema, type ColumnSchema } from './schema.js';
import { attachDatabase, openSession, readColumns, type DigestSession } from '../duckdb/session.js';
import { qualifiedTable } from '../duckdb/sql.js';
import type { DatabaseDiff, TableDiff, TableDigest } from './types.js';

/** Default number of sample rows per side and table. */
export const DEFAULT_SAMPLES = 10;

/** Compares the named tables of two files (both READ_ONLY); `identical` is true only if all agree. */
export async function diffDatabases(
  a: string,
  b: string,
  tables: Readonly<Record<string, TableSpec>>,
  options: { samples?: number } = {},
): Promise<DatabaseDiff> {
  const session = await openSession();
  try {
    await attachDatabase(session, a, 'a');
    // DuckDB refuses to attach one file twice; comparing a file with itself reads it once.
    const aliasB = path.resolve(a) === path.resolve(b) ? 'a' : 'b';
    if (aliasB === 'b') await attachDatabase(session, b, 'b');
    const results: TableDiff[] = [];
    for (const [table, spec] of Object.entries(tables)) {
      results.push(await diffTable(session, aliasB, table, spec, options.samples ?? DEFAULT_SAMPLES));
    }
    return { a, b, identical: results.every((result) => result.identical), tables: results };
  } finally {
    session.close();
  }
}

// Names the columns whose presence, type or nullability differs between the sides (exempt ones too).
function describeSchemaDifference(schemaA: readonly ColumnSchema[], schemaB: readonly ColumnSchema[]): string | null {
  const changes = compareSchemas(schemaA, schemaB);
  const onlyA = changes.filter((change) => change.change === 'removed').map((change) => change.column);
  const onlyB = changes.filter((change) => change.change === 'added').map((change) => change.column);
  const parts: string[] = [];
  if (onlyA.length > 0) parts.push(`columns only in A: ${onlyA.join(', ')}`);
  if (onlyB.length > 0) parts.push(`columns only in B: ${onlyB.join(', ')}`);
  for (const change of changes.filter((c) => c.change === 'retyped' || c.change === 'nullability')) {
    parts.push(`column ${change.column} is ${change.reference} in A but ${change.run} in B`);
  }
  return parts.length === 0 ? null : parts.join('; ');
}

async function diffTable(
  session: DigestSession,
  aliasB: string,
  table: string,
  spec: TableSpec,
  samples: number,
): Promise<TableDiff> {
  const columnsA = await readColumns(session, 'a', table);
  const columnsB = await readColumns(session, aliasB, table);
  if (columnsA === null || columnsB === null) {
    const counts = {
      a: columnsA === null ? 0 : await countRows(session, 'a', table),
      b: columnsB === null ? 0 : await countRows(session, aliasB, table),
    };
    const problem =
      columnsA === null && columnsB === null ? null : `table ${table} is missing from ${columnsA === null ? 'A' : 'B'}`;
    return {
      table,
      identical: problem === null,
      rowCounts: counts,
      schemaProblem: problem,
      groups: [],
      columns: [],
      onlyInA: [],
      onlyInB: [],
    };
  }
  const schemaProblem = describeSchemaDifference(
    await readSchema(session, 'a', table),
    await readSchema(session, aliasB, table),
  );
  const namesB = new Set(columnsB.map((column) => column.name));
  const common = columnsA
    .map((column) => column.name)
    .filter((name) => namesB.has(name) && !spec.exempt.includes(name));
  // Both sides in one DuckDB instance: the fast digest compares them soundly.
  const digestA = await digestTable(session, 'a', table, spec, { only: common, kind: 'fast' });
  const digestB = await digestTable(session, aliasB, table, spec, { only: common, kind: 'fast' });
  // Rows alone over the common columns: schema differences are reported by schemaProblem.
  const same = digestA.rowDigest === digestB.rowDigest && digestA.rowCount === digestB.rowCount;
  const base = { table, rowCounts: { a: digestA.rowCount, b: digestB.rowCount }, schemaProblem };
  if (same) return { ...base, identical: schemaProblem === null, groups: [], columns: [], onlyInA: [], onlyInB: [] };
  const hashed = resolveHashedColumns(table, columnsA, spec, common);
  const rows = await sampleBagDifferenceBetween(session, aliasB, table, hashed, spec, samples);
  return {
    ...base,
    identical: false,
    groups: differingGroups(digestA, digestB),
    columns: explainingColumns(digestA, digestB),
    ...rows,
  };
}

async function sampleBagDifferenceBetween(
  session: DigestSession,
  aliasB: string,
  table: string,
  hashed: Parameters<typeof sampleBagDifference>[2],
  spec: TableSpec,
  samples: number,
): ReturnType<typeof sampleBagDifference> {
  if (aliasB === 'a') return { onlyInA: [], onlyInB: [] };
  return sampleBagDifference(session, table, hashed, spec.groupBy, samples);
}

async function countRows(session: DigestSession, alias: string, table: string): Promise<number> {
  const reader = await session.connection.runAndReadAll(`SELECT count(*) AS n FROM ${qualifiedTable(alias, table)}`);
  return Number(reader.getRowObjectsJson()[0]!['n']);
}

/** Labels of groups whose count or digest differ, or that exist on one side only, in A's order then B's. */
export function differingGroups(a: TableDigest, b: TableDigest): string[] {
  const byLabelB = new Map(b.groups.map((group) => [group.label, group]));
  const byLabelA = new Map(a.groups.map((group) => [group.label, group]));
  const differing = a.groups
    .filter((group) => {
      const other = byLabelB.get(group.label);
      return !other || other.digest !== group.digest || other.rowCount !== group.rowCount;
    })
    .map((group) => group.label);
  for (const group of b.groups) if (!byLabelA.has(group.label)) differing.push(group.label);
  return differing;
}

/** Columns c for which both sides agree once c is left out: every difference then lies in c. */
export function explainingColumns(a: TableDigest, b: TableDigest): string[] {
  if (a.rowCount !== b.rowCount) return [];
  return a.columns.filter(
    (column) => a.columnDigests[column] !== undefined && a.columnDigests[column] === b.columnDigests[column],
  );
}

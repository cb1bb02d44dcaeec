// The one scan both digest algorithms share: per group (or one row without groups) the row count and
// the exact integer sums of each per-row hash column, then BigInt totals over the groups.
import type { TableSpec } from '../matrix/types.js';
import type { EncodedColumn } from './encoding.js';
import { foldSchema, hashSchema, type ColumnSchema } from './schema.js';
import type { DigestSession, TableColumn } from '../duckdb/session.js';
import { quoteIdentifier } from '../duckdb/sql.js';
import type { DigestAlgorithm, GroupDigest, TableDigest } from './types.js';

/** How one algorithm hashes rows: SQL that the scan aggregates, and how sums become 32 hex digits. */
export interface RowHashPlan {
  readonly algorithm: DigestAlgorithm;
  /** The DuckDB version, for algorithms whose hashes change with it; null otherwise. */
  readonly duckdbVersion: string | null;
  /**
   * A SELECT over `source` with one row per table row: the hash columns `<prefix>_h` for `all` and
   * (with column digests) `c0`…, the group columns `g0`…, and `one`; `groupSelect` is spliced in.
   */
  readonly rows: (source: string, groupSelect: readonly string[]) => string;
  /** Prefixes of the hash columns: `all`, then `c<i>` per hashed column when column digests are asked. */
  readonly prefixes: readonly string[];
  /** SQL aggregate expressions for one prefix, aliased `<prefix>_0`, `<prefix>_1`… (exact integer sums). */
  readonly sums: (prefix: string) => readonly string[];
  /** The digest (32 hex digits) from a prefix's sums, totalled exactly over groups. */
  readonly combine: (sums: readonly bigint[]) => string;
}

function toBigInt(value: unknown): bigint {
  return value === null || value === undefined ? 0n : BigInt(String(value));
}

/** Scans `source` once with `plan` and assembles the table digest (schema folded into `digest`). */
export async function scanDigest(
  session: DigestSession,
  source: string,
  input: {
    table: string;
    spec: TableSpec;
    declared: readonly TableColumn[];
    columns: readonly EncodedColumn[];
    schema: readonly ColumnSchema[];
  },
  plan: RowHashPlan,
): Promise<TableDigest> {
  const { table, spec, columns } = input;
  const groupSelect = spec.groupBy.map((column, index) => `${quoteIdentifier(column)} AS g${index}`);
  const keys = spec.groupBy.map((_, index) => `g${index}`);
  const labels = keys.map((key) => `CAST(${key} AS VARCHAR) AS k_${key}, `).join('');
  const grouping =
    keys.length === 0
      ? ''
      : ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((key) => `${key} NULLS LAST`).join(', ')}`;
  const sums = plan.prefixes.flatMap((prefix) => plan.sums(prefix));
  const sql = `SELECT ${labels}count(*) AS n, ${sums.join(', ')} FROM (${plan.rows(source, groupSelect)})${grouping}`;
  const rows = (await session.connection.runAndReadAll(sql)).getRowObjectsJson();
  const partsOf = (prefix: string, from: readonly Record<string, unknown>[]): bigint[] =>
    plan.sums(prefix).map((_, index) => from.reduce((sum, row) => sum + toBigInt(row[`${prefix}_${index}`]), 0n));
  const columnDigests: Record<string, string> = {};
  columns.forEach((column, index) => {
    if (plan.prefixes.includes(`c${index}`)) columnDigests[column.name] = plan.combine(partsOf(`c${index}`, rows));
  });
  const groups: GroupDigest[] =
    keys.length === 0
      ? []
      : rows.map((row) => {
          const key = keys.map((k) => (row[`k_${k}`] === null ? null : String(row[`k_${k}`])));
          return {
            key,
            label: spec.groupBy.map((column, index) => `${column}=${key[index] ?? 'NULL'}`).join(', '),
            rowCount: Number(row['n']),
            digest: plan.combine(partsOf('all', [row])),
          };
        });
  const rowDigest = plan.combine(partsOf('all', rows));
  return {
    table,
    present: true,
    algorithm: plan.algorithm,
    ...(plan.duckdbVersion === null ? {} : { duckdbVersion: plan.duckdbVersion }),
    rowCount: rows.reduce((sum, row) => sum + Number(row['n']), 0),
    digest: foldSchema(rowDigest, hashSchema(input.schema)),
    rowDigest,
    schema: input.schema,
    columns: columns.map((column) => column.name),
    exempt: input.declared.filter((column) => spec.exempt.includes(column.name)).map((column) => column.name),
    groupBy: [...spec.groupBy],
    columnDigests,
    groups,
  };
}

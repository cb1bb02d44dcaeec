// Digests a finished run's database cheaply. The runs of one matrix are compared with the fast digest
// (DuckDB's hash(), one binary judges them all): table and group digests always, the leave-one-out
// column digests only for an output not seen before — identical table digests mean identical rows,
// hence identical column digests, which are reused. The version-stable md5 digest, which costs far
// more, is not taken here: it is taken once, for the reference run, after the last run (stable-digests.ts).
import type { DigestOptions } from '../digest/digest-database.js';
import type { DatabaseDigest, TableDigest } from '../digest/types.js';
import type { TableSpec } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';

/** Digests a database (see digestDatabase's options). */
export type DigestDatabase = (
  database: string,
  tables: Readonly<Record<string, TableSpec>>,
  options?: DigestOptions,
) => Promise<DatabaseDigest>;

/**
 * The harness's digesting DuckDB instance: two worker threads and a 150 MB buffer limit, so digesting
 * between runs stays within the harness's memory budget (≤ 200 MB RSS) and leaves the other cores be.
 */
export const HARNESS_DIGEST_LIMITS = { threads: 2, memoryLimit: '150MB' } as const;

function findColumnDigests(
  earlier: readonly RunRecord[],
  table: string,
  digest: TableDigest,
): TableDigest['columnDigests'] | null {
  for (const record of earlier) {
    const known = record.digests?.[table];
    if (
      known &&
      known.present === digest.present &&
      known.rowCount === digest.rowCount &&
      known.digest === digest.digest &&
      known.algorithm === digest.algorithm &&
      known.duckdbVersion === digest.duckdbVersion &&
      known.columns.join('\u0000') === digest.columns.join('\u0000') &&
      Object.keys(known.columnDigests).length > 0
    ) {
      return known.columnDigests;
    }
  }
  return null;
}

/** The run's fast digests (column digests only for tables whose output is new). */
export async function digestRun(
  database: string,
  tables: Readonly<Record<string, TableSpec>>,
  earlier: readonly RunRecord[],
  digest: DigestDatabase,
): Promise<DatabaseDigest> {
  const options = { ...HARNESS_DIGEST_LIMITS, kind: 'fast' } as const;
  // A table no earlier run has a fast digest of cannot reuse column digests: digest it fully at once.
  const firstTime = (table: string): boolean =>
    !earlier.some((record) => record.digests?.[table]?.algorithm === 'fast-v1');
  const unseen: Record<string, TableSpec> = Object.fromEntries(
    Object.entries(tables).filter(([table]) => firstTime(table)),
  );
  const known = Object.fromEntries(Object.entries(tables).filter(([table]) => !firstTime(table)));
  const quick = Object.keys(known).length > 0 ? await digest(database, known, { ...options, columns: false }) : {};
  const result: Record<string, TableDigest> = {};
  for (const [table, tableDigest] of Object.entries(quick)) {
    const columnDigests = tableDigest.present ? findColumnDigests(earlier, table, tableDigest) : {};
    if (columnDigests) result[table] = { ...tableDigest, columnDigests };
    else unseen[table] = tables[table]!;
  }
  if (Object.keys(unseen).length > 0)
    Object.assign(result, await digest(database, unseen, { ...options, columns: true }));
  return result;
}

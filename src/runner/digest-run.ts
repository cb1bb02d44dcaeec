// Digests a finished run's database cheaply: the table and group digests always, the leave-one-out
// column digests (one md5 per column per row, most of the cost) only for an output not seen before.
// Identical table digests mean identical rows, hence identical column digests: those are reused.
import type { DatabaseDigest, TableDigest } from '../digest/types.js';
import type { TableSpec } from '../matrix/types.js';
import type { RunRecord } from './types.js';

/** Digests a database; `columns: false` skips the leave-one-out column digests. */
export type DigestDatabase = (
  database: string,
  tables: Readonly<Record<string, TableSpec>>,
  options?: { columns?: boolean },
) => Promise<DatabaseDigest>;

function findColumnDigests(earlier: readonly RunRecord[], table: string, digest: TableDigest): TableDigest['columnDigests'] | null {
  for (const record of earlier) {
    const known = record.digests?.[table];
    if (
      known && known.present === digest.present && known.rowCount === digest.rowCount && known.digest === digest.digest &&
      known.columns.join('\u0000') === digest.columns.join('\u0000') && Object.keys(known.columnDigests).length > 0
    ) {
      return known.columnDigests;
    }
  }
  return null;
}

/** The run's full digests, computing column digests only for tables whose output is new. */
export async function digestRun(
  database: string,
  tables: Readonly<Record<string, TableSpec>>,
  earlier: readonly RunRecord[],
  digest: DigestDatabase,
): Promise<DatabaseDigest> {
  const quick = await digest(database, tables, { columns: false });
  const result: Record<string, TableDigest> = {};
  const unseen: Record<string, TableSpec> = {};
  for (const [table, tableDigest] of Object.entries(quick)) {
    const columnDigests = tableDigest.present ? findColumnDigests(earlier, table, tableDigest) : {};
    if (columnDigests) result[table] = { ...tableDigest, columnDigests };
    else unseen[table] = tables[table]!;
  }
  if (Object.keys(unseen).length > 0) Object.assign(result, await digest(database, unseen, { columns: true }));
  return result;
}

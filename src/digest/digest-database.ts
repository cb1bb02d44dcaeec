// The public digest entry points: digest the named tables of one DuckDB file, list its tables.
import { DEFAULT_TABLE_SPECS } from '../matrix/defaults.js';
import type { TableSpec } from '../matrix/types.js';
import { digestTable, type DigestKind } from './digest-table.js';
import { attachDatabase, listAttachedTables, openSession } from '../duckdb/session.js';
import type { DatabaseDigest, TableDigest } from './types.js';

const ALIAS = 'db';

/** The two tables PlanAlign's determinism depends on, with their wall-clock columns exempt. */
export const DEFAULT_TABLES: Readonly<Record<string, TableSpec>> = DEFAULT_TABLE_SPECS;

/** Wall-clock column names exempted even from tables threadgate does not know. */
export const WALL_CLOCK_COLUMNS: readonly string[] = ['created_at', 'snapshot_created_at'];

/** Options of digestDatabase. */
export interface DigestOptions {
  /** DuckDB worker threads of the digesting instance (default: DuckDB's, one per core). */
  readonly threads?: number;
  /** DuckDB memory_limit of the digesting instance, e.g. `150MB` (default: DuckDB's, 80% of RAM). */
  readonly memoryLimit?: string;
  /** Leave-one-out column digests (default true); see digestTable. */
  readonly columns?: boolean;
  /** `stable` (md5, default) or `fast` (DuckDB's hash(), comparable only within one DuckDB version). */
  readonly kind?: DigestKind;
}

/** Digests each named table of the file (READ_ONLY); an absent table yields `present: false`. */
export async function digestDatabase(
  path: string,
  tables: Readonly<Record<string, TableSpec>>,
  options: DigestOptions = {},
): Promise<DatabaseDigest> {
  const session = await openSession({ threads: options.threads, memoryLimit: options.memoryLimit });
  try {
    await attachDatabase(session, path, ALIAS);
    const digests: Record<string, TableDigest> = {};
    for (const [table, spec] of Object.entries(tables)) {
      digests[table] = await digestTable(session, ALIAS, table, spec, { columns: options.columns, kind: options.kind });
    }
    return digests;
  } finally {
    session.close();
  }
}

/** Names of the tables (and views) in the file's main schema, sorted; for when the user names none. */
export async function listTables(path: string): Promise<string[]> {
  const session = await openSession({ threads: 1 });
  try {
    await attachDatabase(session, path, ALIAS);
    return await listAttachedTables(session, ALIAS);
  } finally {
    session.close();
  }
}

/** The tables to digest when the user names none: DEFAULT_TABLES if both exist, else every table. */
export function chooseDefaultTables(existing: readonly string[]): Record<string, TableSpec> {
  if (Object.keys(DEFAULT_TABLES).every((table) => existing.includes(table))) return { ...DEFAULT_TABLES };
  return Object.fromEntries(
    existing.map((table) => [table, { exempt: [...WALL_CLOCK_COLUMNS], groupBy: [], round: {} }]),
  );
}

// The history file's schema and its version. A file written by an older threadgate is migrated
// step by step when opened for writing; one from a newer threadgate, or a DuckDB file that is no
// history, is refused with one line. Version 1 is the first: MIGRATIONS gains an entry per change.
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { quoteIdentifier, quoteLiteral } from '../duckdb/sql.js';

/** The schema version this threadgate writes. */
export const HISTORY_SCHEMA_VERSION = 1;

/** Statements that take a file from version N (the key) to N + 1. */
const MIGRATIONS: Readonly<Record<number, readonly string[]>> = {};

/** The tables of the current version, in creation order (a reader copies them by these names). */
export const HISTORY_TABLES = ['history_meta', 'runs', 'samples', 'table_digests'] as const;

export const CREATE_STATEMENTS = [
  `CREATE TABLE history_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE runs (
    run_key VARCHAR PRIMARY KEY,
    commit_sha VARCHAR,
    commit_time TIMESTAMP,
    branch VARCHAR,
    started_at TIMESTAMP NOT NULL,
    hardware_id VARCHAR NOT NULL,
    hardware_json VARCHAR NOT NULL,
    threadgate_version VARCHAR NOT NULL,
    target_kind VARCHAR NOT NULL,
    target_version VARCHAR NOT NULL,
    matrix_name VARCHAR NOT NULL,
    matrix_hash VARCHAR NOT NULL,
    regression_threshold DOUBLE NOT NULL,
    determinism VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL
  )`,
  `CREATE TABLE samples (
    run_key VARCHAR NOT NULL,
    configuration VARCHAR NOT NULL,
    threads INTEGER NOT NULL,
    mode VARCHAR NOT NULL,
    rep INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    wall_ms DOUBLE NOT NULL,
    cpu_ms DOUBLE NOT NULL,
    peak_rss_bytes DOUBLE NOT NULL,
    noisy BOOLEAN NOT NULL
  )`,
  `CREATE TABLE table_digests (
    run_key VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    algorithm VARCHAR NOT NULL,
    digest VARCHAR,
    row_count BIGINT,
    verdict VARCHAR NOT NULL
  )`,
];

async function readText(connection: DuckDBConnection, sql: string): Promise<string[]> {
  return (await connection.runAndReadAll(sql)).getRowsJson().map((row) => String(row[0]));
}

/**
 * Makes `connection`'s database a history of the current version: creates the tables in an empty
 * file, migrates an older one when `writable`, refuses anything else naming `file` (InputError).
 */
export async function ensureHistorySchema(
  connection: DuckDBConnection,
  file: string,
  writable: boolean,
  catalog: string | null = null,
  probeOnly = false,
): Promise<void> {
  const catalogSql = catalog === null ? 'current_database()' : quoteLiteral(catalog);
  const prefix = catalog === null ? '' : `${quoteIdentifier(catalog)}.main.`;
  const tables = await readText(
    connection,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = ${catalogSql}`,
  );
  if (tables.length === 0) {
    if (probeOnly) return;
    if (!writable)
      throw new InputError(
        `history ${file}: an empty DuckDB file, no history yet (threadgate history add RUN_DIR --db ${file})`,
      );
    await connection.run('BEGIN TRANSACTION');
    for (const statement of CREATE_STATEMENTS) await connection.run(statement);
    await connection.run(`INSERT INTO history_meta VALUES ('schema_version', '${HISTORY_SCHEMA_VERSION}')`);
    await connection.run('COMMIT');
    return;
  }
  if (!tables.includes('history_meta'))
    throw new InputError(
      `history ${file}: a DuckDB database but not a threadgate history (no history_meta table; tables: ${tables.slice(0, 5).join(', ')})`,
    );
  const [versionText] = await readText(
    connection,
    `SELECT value FROM ${prefix}history_meta WHERE key = 'schema_version'`,
  );
  const version = Number(versionText);
  if (!Number.isInteger(version) || version < 1)
    throw new InputError(
      `history ${file}: schema_version ${JSON.stringify(versionText ?? null)} is not one threadgate ever wrote`,
    );
  if (version > HISTORY_SCHEMA_VERSION)
    throw new InputError(
      `history ${file}: schema version ${version} was written by a newer threadgate (this one reads up to ${HISTORY_SCHEMA_VERSION}); upgrade threadgate`,
    );
  if (version === HISTORY_SCHEMA_VERSION || probeOnly) return;
  if (!writable)
    throw new InputError(
      `history ${file}: schema version ${version} is older than ${HISTORY_SCHEMA_VERSION}; threadgate history add migrates it (it opens the file for writing)`,
    );
  await connection.run('BEGIN TRANSACTION');
  for (let from = version; from < HISTORY_SCHEMA_VERSION; from++) {
    const steps = MIGRATIONS[from];
    if (steps === undefined) {
      await connection.run('ROLLBACK');
      throw new InputError(
        `history ${file}: no migration from schema version ${from}; rebuild the history from its run directories`,
      );
    }
    for (const statement of steps) await connection.run(statement);
  }
  await connection.run(`UPDATE history_meta SET value = '${HISTORY_SCHEMA_VERSION}' WHERE key = 'schema_version'`);
  await connection.run('COMMIT');
}

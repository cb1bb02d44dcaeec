// A fresh in-memory DuckDB instance with run databases ATTACHed READ_ONLY: several processes may read
// a run database together, and threadgate must never take a run database's write lock.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { explainAttachError } from './attach-error.js';
import { qualifiedTable, quoteIdentifier, quoteLiteral } from './sql.js';

/** One open instance and connection; close it when done. */
export interface DigestSession {
  readonly connection: DuckDBConnection;
  close(): void;
}

/** A column as the table declares it. */
export interface TableColumn {
  readonly name: string;
  readonly type: DuckDBType;
}

/**
 * Opens an in-memory instance; `threads` fixes DuckDB's worker count (a global of the instance) and
 * `memoryLimit` its buffer memory (DuckDB's memory_limit, e.g. `150MB`).
 */
export async function openSession(options: { threads?: number; memoryLimit?: string } = {}): Promise<DigestSession> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  try {
    // Text casts of TIMESTAMPTZ (group labels, sample rows) must not depend on the local zone.
    await connection.run(`SET TimeZone = 'UTC'`);
  } catch {
    // Without ICU there is no time-zone setting, and TIMESTAMPTZ is already printed in UTC.
  }
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** ATTACHes a database file READ_ONLY under `alias`; throws InputError naming the path if it cannot. */
export async function attachDatabase(session: DigestSession, file: string, alias: string): Promise<void> {
  const resolved = path.resolve(file);
  const info = await stat(resolved).catch(() => null);
  if (!info) throw new InputError(`database ${file}: no such file`);
  if (!info.isFile())
    throw new InputError(
      `database ${file}: not a file${info.isDirectory() ? ' (a directory)' : ''}; expected a DuckDB database file`,
    );
  try {
    await session.connection.run(`ATTACH ${quoteLiteral(resolved)} AS ${quoteIdentifier(alias)} (READ_ONLY)`);
  } catch (error) {
    throw await explainAttachError(file, resolved, error);
  }
}

/** Names of the tables and views in an attached database's main schema, sorted. */
export async function listAttachedTables(session: DigestSession, alias: string): Promise<string[]> {
  const reader = await session.connection.runAndReadAll(
    `SELECT table_name FROM information_schema.tables WHERE table_catalog = ${quoteLiteral(alias)} AND table_schema = 'main' ORDER BY table_name`,
  );
  return reader.getRowObjectsJson().map((row) => String(row['table_name']));
}

/** The table's columns in declared order, or null when the table does not exist. */
export async function readColumns(session: DigestSession, alias: string, table: string): Promise<TableColumn[] | null> {
  const tables = await listAttachedTables(session, alias);
  if (!tables.includes(table)) return null;
  const reader = await session.connection.runAndReadAll(`SELECT * FROM ${qualifiedTable(alias, table)} LIMIT 0`);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  return names.map((name, index) => ({ name, type: types[index]! }));
}

// Test helper: writes a real DuckDB file from SQL statements, in a fresh temp folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** A temp folder for one test file's databases. */
export async function makeTempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'threadgate-digest-'));
}

/** Creates `file` and runs `statements` in it, then closes it so others may ATTACH it. */
export async function makeDatabase(file: string, statements: readonly string[]): Promise<string> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return file;
}

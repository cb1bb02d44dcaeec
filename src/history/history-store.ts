// The history file: one DuckDB database, opened for each command and closed after it. DuckDB lets
// one process write a file, or several read it, at a time: a nightly job that finds the file held
// by another waits and retries (with backoff, up to a limit) instead of failing, so two jobs that
// append at once both land. Adding a run is one transaction keyed by the run's identity: a run
// added twice, or two processes adding the same run, leave one copy.
import { stat } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { quoteLiteral } from '../duckdb/sql.js';
import { ensureHistorySchema } from './history-schema.js';
import type { HistoryRun } from './types.js';

/** An open history; close it when done (that releases DuckDB's lock on the file). */
export interface HistoryStore {
  readonly file: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

export interface OpenHistoryOptions {
  /** How long to keep retrying while another process holds the file (default 120 s). */
  readonly lockWaitMs?: number;
  /** Told once when the file is found held and we start waiting. */
  readonly onWait?: (message: string) => void;
}

const LOCK_CONFLICT = /Could not set lock|Conflicting lock|database is locked/i;

function describeOpenError(file: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  if (/not a valid DuckDB database|invalid.*database file|Unsupported.*version|magic/i.test(message)) {
    return new InputError(`history ${file}: not a DuckDB database file (${message.split('\n')[0]})`);
  }
  return new InputError(`history ${file}: cannot open (${message.split('\n')[0]})`);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Checks that `file` can be a history: absent is fine only when it is to be created. */
export async function checkHistoryFile(file: string, creating: boolean): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (info === null && !creating)
    throw new InputError(`history ${file}: no such file (create it with threadgate history add RUN_DIR --db ${file})`);
  if (info !== null && !info.isFile())
    throw new InputError(`history ${file}: not a file${info.isDirectory() ? ' (a directory)' : ''}`);
}

/**
 * Runs `open` until it does not fail for DuckDB's file lock (another process writes the file), with
 * doubling pauses up to a second, for at most `lockWaitMs`; other failures name the file (InputError).
 */
export async function retryWhileLocked<T>(
  file: string,
  options: OpenHistoryOptions,
  open: () => Promise<T>,
): Promise<T> {
  const waitMs = options.lockWaitMs ?? 120_000;
  const deadline = Date.now() + waitMs;
  let delayMs = 25;
  let told = false;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      if (error instanceof InputError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (!LOCK_CONFLICT.test(message)) throw describeOpenError(file, error);
      if (Date.now() + delayMs > deadline)
        throw new InputError(
          `history ${file}: still held by another process after ${Math.round(waitMs / 1000)} s (${message.split('\n')[0]})`,
        );
      if (!told) options.onWait?.(`history ${file}: held by another process; waiting for it`);
      told = true;
      await pause(delayMs + Math.floor(Math.random() * delayMs));
      delayMs = Math.min(1000, delayMs * 2);
    }
  }
}

/** Opens `file` for writing (retrying while another process holds it) and checks, creates or migrates its schema. */
export async function openHistory(file: string, options: OpenHistoryOptions = {}): Promise<HistoryStore> {
  await checkHistoryFile(file, true);
  return retryWhileLocked(file, options, async () => {
    const instance = await DuckDBInstance.create(file, { threads: '2' });
    const connection = await instance.connect();
    const store: HistoryStore = {
      file,
      connection,
      close: () => {
        connection.closeSync();
        instance.closeSync();
      },
    };
    try {
      await ensureHistorySchema(connection, file, true);
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  });
}

function timestampText(iso: string | null): string | null {
  return iso === null ? null : new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}

function appendText(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

/**
 * Appends the rows of the runs not yet in the file (inside the caller's transaction) through DuckDB's
 * appender; returns how many were new. A run already there, or twice in `runs`, is skipped whole.
 */
export async function insertRuns(
  connection: DuckDBConnection,
  runs: readonly HistoryRun[],
  addedAt: Date,
): Promise<number> {
  if (runs.length === 0) return 0;
  const keys = [...new Set(runs.map((run) => run.runKey))];
  const existing = new Set(
    (await connection.runAndReadAll(`SELECT run_key FROM runs WHERE run_key IN (${keys.map(quoteLiteral).join(', ')})`))
      .getRowsJson()
      .map((row) => String(row[0])),
  );
  const fresh: HistoryRun[] = [];
  for (const run of runs) {
    if (existing.has(run.runKey)) continue;
    existing.add(run.runKey);
    fresh.push(run);
  }
  const runRows = await connection.createAppender('runs');
  const samples = await connection.createAppender('samples');
  const tables = await connection.createAppender('table_digests');
  const added = timestampText(addedAt.toISOString());
  for (const run of fresh) {
    for (const value of [
      run.runKey,
      run.commit.sha,
      timestampText(run.commit.time),
      run.commit.branch,
      timestampText(run.startedAt),
      run.hardware.id,
      JSON.stringify(run.hardware),
      run.toolVersion,
      run.targetKind,
      run.targetVersion,
      run.matrixName,
      run.matrixHash,
    ])
      appendText(runRows, value);
    runRows.appendDouble(Number(run.regressionThreshold));
    appendText(runRows, run.determinism);
    appendText(runRows, added);
    runRows.endRow();
    for (const s of run.samples) {
      samples.appendVarchar(run.runKey);
      samples.appendVarchar(s.configuration);
      samples.appendInteger(s.threads);
      samples.appendVarchar(s.mode);
      samples.appendInteger(s.rep);
      samples.appendVarchar(s.status);
      samples.appendDouble(s.wallMs);
      samples.appendDouble(s.cpuMs);
      samples.appendDouble(s.peakRssBytes);
      samples.appendBoolean(s.noisy);
      samples.endRow();
    }
    for (const t of run.tables) {
      for (const value of [run.runKey, t.table, t.algorithm, t.digest]) appendText(tables, value);
      if (t.rowCount === null) tables.appendNull();
      else tables.appendBigInt(BigInt(Math.trunc(t.rowCount)));
      appendText(tables, t.verdict);
      tables.endRow();
    }
  }
  for (const appender of [runRows, samples, tables]) {
    appender.flushSync();
    appender.closeSync();
  }
  return fresh.length;
}

/** Adds runs in one transaction; returns how many were new (the others were there already). */
export async function addRuns(store: HistoryStore, runs: readonly HistoryRun[], addedAt: Date): Promise<number> {
  await store.connection.run('BEGIN TRANSACTION');
  try {
    const added = await insertRuns(store.connection, runs, addedAt);
    await store.connection.run('COMMIT');
    return added;
  } catch (error) {
    await store.connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Opens `file` for writing, adds `runs`, closes it: what `history add` and `run --history` do. */
export async function appendToHistory(
  file: string,
  runs: readonly HistoryRun[],
  options: OpenHistoryOptions = {},
): Promise<number> {
  const store = await openHistory(file, options);
  try {
    return await addRuns(store, runs, new Date());
  } finally {
    store.close();
  }
}

// Reads a history for a check, a gate or a page. The file is ATTACHed READ_ONLY into an in-memory
// DuckDB, its tables copied and the file DETACHed at once (a nightly append waits for no reader),
// then runs not yet in the file (the run a gate is judging) are added to the copy, so one set of
// queries serves "the history" and "the history plus tonight". Medians and commit order are SQL's.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { quoteLiteral } from '../duckdb/sql.js';
import { CREATE_STATEMENTS, HISTORY_TABLES, ensureHistorySchema } from './history-schema.js';
import { checkHistoryFile, insertRuns, retryWhileLocked, type OpenHistoryOptions } from './history-store.js';
import type { HistoryDigestPoint, HistoryPoint, HistoryRun } from './types.js';

/** One stored timed sample with its commit, for the trend charts. */
export interface HistorySampleRow {
  readonly hardwareId: string;
  readonly matrixName: string;
  readonly configuration: string;
  readonly commit: string;
  readonly time: string;
  readonly wallMs: number;
  readonly noisy: boolean;
}

/** One commit's determinism verdict for one matrix (fail when any of its runs failed). */
export interface HistoryVerdictPoint {
  readonly matrixName: string;
  readonly commit: string;
  readonly time: string;
  readonly determinism: 'pass' | 'fail';
}

/** A history as read: points per configuration and commit, digests, verdicts; samples when asked. */
export interface LoadedHistory {
  readonly file: string;
  readonly runs: number;
  readonly points: readonly HistoryPoint[];
  readonly digestPoints: readonly HistoryDigestPoint[];
  readonly verdicts: readonly HistoryVerdictPoint[];
  readonly samples: readonly HistorySampleRow[];
  /** The regression threshold of the newest run of each matrix. */
  readonly regressionThresholds: Readonly<Record<string, number>>;
}

export interface ReadHistoryOptions extends OpenHistoryOptions {
  /** Runs to judge with the history although they are not in the file (duplicates are ignored). */
  readonly extraRuns?: readonly HistoryRun[];
  /** Also read every sample (the page's charts); the check needs only the medians. */
  readonly withSamples?: boolean;
}

const ISO = `'%Y-%m-%dT%H:%M:%S.%gZ'`;

// Each run's commit label and its place on the time axis: commit time when known, else start time.
// Made once per read (a run per row, small), so the sample queries join on the run alone.
const RUN_COMMITS = `CREATE OR REPLACE TEMP TABLE run_commits AS
WITH r AS (
  SELECT run_key, hardware_id, matrix_name, started_at, determinism, regression_threshold,
         coalesce(commit_sha, 'run ' || strftime(started_at, '%Y-%m-%dT%H:%M:%SZ')) AS commit_label,
         coalesce(commit_time, started_at) AS order_time
  FROM runs),
c AS (SELECT commit_label, min(order_time) AS commit_time, min(started_at) AS first_start FROM r GROUP BY commit_label)
SELECT r.*, c.commit_time, c.first_start FROM r JOIN c USING (commit_label)`;

/** Rows of a query's result, read column by column: DuckDB's raw values (numbers, strings,
 * booleans, bigints) cost a tenth of the JSON conversion on a long history. */
async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  const columns = (await connection.runAndReadAll(sql)).getColumns() as unknown[][];
  const count = columns[0]?.length ?? 0;
  const result: unknown[][] = new Array(count);
  for (let i = 0; i < count; i++) result[i] = columns.map((column) => column[i]);
  return result;
}

async function copyHistory(connection: DuckDBConnection, file: string): Promise<void> {
  const alias = 'stored_history';
  await connection.run(`ATTACH ${quoteLiteral(path.resolve(file))} AS ${alias} (READ_ONLY)`);
  try {
    await ensureHistorySchema(connection, file, false, alias);
    for (const statement of CREATE_STATEMENTS) await connection.run(statement);
    for (const table of HISTORY_TABLES)
      await connection.run(`INSERT INTO main.${table} SELECT * FROM ${alias}.main.${table}`);
  } finally {
    await connection.run(`DETACH ${alias}`);
  }
}

async function readPoints(connection: DuckDBConnection): Promise<HistoryPoint[]> {
  const result = await rows(
    connection,
    `
    SELECT r.hardware_id, r.matrix_name, s.configuration, min(s.threads), min(s.mode), r.commit_label, strftime(r.commit_time, ${ISO}),
      coalesce(median(s.wall_ms) FILTER (WHERE NOT s.noisy), median(s.wall_ms)),
      coalesce(median(s.cpu_ms) FILTER (WHERE NOT s.noisy), median(s.cpu_ms)),
      coalesce(median(s.peak_rss_bytes) FILTER (WHERE NOT s.noisy), median(s.peak_rss_bytes)),
      count(*), count(*) FILTER (WHERE s.noisy)
    FROM samples s JOIN run_commits r USING (run_key)
    WHERE s.status = 'ok'
    GROUP BY r.hardware_id, r.matrix_name, s.configuration, r.commit_label, r.commit_time, r.first_start
    ORDER BY r.hardware_id, r.matrix_name, s.configuration, r.commit_time, r.first_start, r.commit_label`,
  );
  return result.map((row) => ({
    hardwareId: String(row[0]),
    matrixName: String(row[1]),
    configuration: String(row[2]),
    threads: Number(row[3]),
    mode: String(row[4]),
    commit: String(row[5]),
    time: String(row[6]),
    wallMs: Number(row[7]),
    cpuMs: Number(row[8]),
    peakRssBytes: Number(row[9]),
    samples: Number(row[10]),
    noisySamples: Number(row[11]),
  }));
}

async function readDigestPoints(connection: DuckDBConnection): Promise<HistoryDigestPoint[]> {
  const result = await rows(
    connection,
    `
    SELECT r.matrix_name, d.table_name, r.commit_label, strftime(r.commit_time, ${ISO}),
      arg_max(d.algorithm, r.started_at), arg_max(d.digest, r.started_at), bool_or(d.verdict = 'fail')
    FROM table_digests d JOIN run_commits r USING (run_key)
    GROUP BY r.matrix_name, d.table_name, r.commit_label, r.commit_time, r.first_start
    ORDER BY r.matrix_name, d.table_name, r.commit_time, r.first_start, r.commit_label`,
  );
  return result.map((row) => ({
    matrixName: String(row[0]),
    table: String(row[1]),
    commit: String(row[2]),
    time: String(row[3]),
    algorithm: String(row[4]),
    digest: row[5] === null ? null : String(row[5]),
    verdict: row[6] === true ? 'fail' : 'pass',
  }));
}

async function readVerdicts(connection: DuckDBConnection): Promise<HistoryVerdictPoint[]> {
  const result = await rows(
    connection,
    `
    SELECT r.matrix_name, r.commit_label, strftime(r.commit_time, ${ISO}), bool_or(r.determinism = 'fail')
    FROM run_commits r
    GROUP BY r.matrix_name, r.commit_label, r.commit_time, r.first_start
    ORDER BY r.matrix_name, r.commit_time, r.first_start, r.commit_label`,
  );
  return result.map((row) => ({
    matrixName: String(row[0]),
    commit: String(row[1]),
    time: String(row[2]),
    determinism: row[3] === true ? 'fail' : 'pass',
  }));
}

async function readSamples(connection: DuckDBConnection): Promise<HistorySampleRow[]> {
  const result = await rows(
    connection,
    `
    SELECT r.hardware_id, r.matrix_name, s.configuration, r.commit_label, strftime(r.commit_time, ${ISO}), s.wall_ms, s.noisy
    FROM samples s JOIN run_commits r USING (run_key)
    WHERE s.status = 'ok'
    ORDER BY r.hardware_id, r.matrix_name, s.configuration, r.commit_time, r.first_start, r.commit_label, r.started_at, s.rep`,
  );
  return result.map((row) => ({
    hardwareId: String(row[0]),
    matrixName: String(row[1]),
    configuration: String(row[2]),
    commit: String(row[3]),
    time: String(row[4]),
    wallMs: Number(row[5]),
    noisy: row[6] === true,
  }));
}

async function readThresholds(connection: DuckDBConnection): Promise<Record<string, number>> {
  const result = await rows(
    connection,
    `SELECT matrix_name, arg_max(regression_threshold, started_at) FROM runs GROUP BY matrix_name ORDER BY matrix_name`,
  );
  return Object.fromEntries(result.map((row) => [String(row[0]), Number(row[1])]));
}

/** Checks, before a long run, that `file` is absent (to be created) or a history this threadgate can add to. */
export async function probeHistory(file: string, options: OpenHistoryOptions = {}): Promise<void> {
  await checkHistoryFile(file, true);
  if (!existsSync(file)) return;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await retryWhileLocked(file, options, async () => {
      await connection.run(`ATTACH ${quoteLiteral(path.resolve(file))} AS probed_history (READ_ONLY)`);
      try {
        // An older schema is fine here: the append migrates it.
        await ensureHistorySchema(connection, file, true, 'probed_history', true);
      } finally {
        await connection.run('DETACH probed_history');
      }
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Reads `file` (and `extraRuns`) into memory; the file is held only while it is copied. */
export async function readHistory(file: string, options: ReadHistoryOptions = {}): Promise<LoadedHistory> {
  await checkHistoryFile(file, false);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const extraRuns = options.extraRuns ?? [];
  let attached = false;
  try {
    if (extraRuns.length > 0) {
      await retryWhileLocked(file, options, () => copyHistory(connection, file));
      await insertRuns(connection, extraRuns, new Date());
    } else {
      // Nothing to add: read the file where it lies (a reader shares the file with other readers).
      await retryWhileLocked(file, options, () =>
        connection.run(`ATTACH ${quoteLiteral(path.resolve(file))} AS stored_history (READ_ONLY)`),
      );
      attached = true;
      await ensureHistorySchema(connection, file, false, 'stored_history');
      await connection.run('USE stored_history');
    }
    await connection.run(RUN_COMMITS);
    const [runCount] = await rows(connection, 'SELECT count(*) FROM runs');
    return {
      file,
      runs: Number(runCount![0]),
      points: await readPoints(connection),
      digestPoints: await readDigestPoints(connection),
      verdicts: await readVerdicts(connection),
      samples: options.withSamples === true ? await readSamples(connection) : [],
      regressionThresholds: await readThresholds(connection),
    };
  } finally {
    if (attached)
      await connection
        .run('USE memory')
        .then(() => connection.run('DETACH stored_history'))
        .catch(() => undefined);
    connection.closeSync();
    instance.closeSync();
  }
}

// Writes what happened during a run into the database itself (run_metadata: one row per model
// execution; run_settings: how the run was configured; run_adjustments: the adaptive adjuster's
// changes), so a kept database explains its own timings.
import { DOUBLE, INTEGER, LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ModelExecution, ThreadAdjustment } from './model-types.js';

/** DDL of the three metadata tables. */
export const RUN_METADATA_DDL: readonly string[] = [
  `CREATE TABLE run_metadata (simulation_year INTEGER, model VARCHAR, model_class VARCHAR,
    started_ms DOUBLE, finished_ms DOUBLE, duration_ms DOUBLE, concurrent_at_start INTEGER,
    slot INTEGER, depends_on VARCHAR[])`,
  `CREATE TABLE run_settings (setting VARCHAR, value VARCHAR)`,
  `CREATE TABLE run_adjustments (at_ms DOUBLE, from_threads INTEGER, to_threads INTEGER, reason VARCHAR, rss_bytes BIGINT)`,
];

/** Column types of a run_metadata row, given because depends_on is a list. */
const METADATA_TYPES = [INTEGER, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, INTEGER, INTEGER, LIST(VARCHAR)];

/** Inserts the run's executions, settings and adjustments with bound values. */
export async function writeRunMetadata(
  connection: DuckDBConnection,
  executions: readonly ModelExecution[],
  settings: Readonly<Record<string, string>>,
  adjustments: readonly ThreadAdjustment[],
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  for (const e of executions) {
    await connection.run(
      'INSERT INTO run_metadata VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [
        e.year,
        e.model,
        e.modelClass,
        e.startedMs,
        e.finishedMs,
        e.finishedMs - e.startedMs,
        e.concurrentAtStart,
        e.slot,
        listValue([...e.dependsOn]),
      ],
      METADATA_TYPES,
    );
  }
  for (const [setting, value] of Object.entries(settings)) {
    await connection.run('INSERT INTO run_settings VALUES ($1, $2)', [setting, value]);
  }
  for (const a of adjustments) {
    await connection.run('INSERT INTO run_adjustments VALUES ($1, $2, $3, $4, $5)', [
      a.atMs,
      a.fromThreads,
      a.toThreads,
      a.reason,
      BigInt(a.rssBytes),
    ]);
  }
  await connection.run('COMMIT');
}

/** The --verbose table of model executions, one line each. */
export function formatExecutions(executions: readonly ModelExecution[]): string[] {
  const lines = ['year  model                              class          start_ms  wall_ms  concurrent  slot'];
  for (const e of executions) {
    lines.push(
      `${e.year}  ${e.model.padEnd(34)} ${e.modelClass.padEnd(14)} ${e.startedMs.toFixed(0).padStart(8)} ${(e.finishedMs - e.startedMs).toFixed(0).padStart(8)}  ${String(e.concurrentAtStart).padEnd(10)}  ${e.slot}`,
    );
  }
  return lines;
}

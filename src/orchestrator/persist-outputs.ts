// The simulation runs in an in-memory DuckDB database (intermediates never pay the file's
// compression and checkpoint costs); only the output tables are copied into the database file at
// the end, each in a deterministic row order, so the file's contents do not depend on the schedule.
import type { DuckDBConnection } from '@duckdb/node-api';
import { OUTPUT_TABLE_DDL } from './output-schema.js';
import { quoteIdentifier, quoteLiteral } from './sql-fragments.js';

/** An output table copied into the file, with the total row order it is written in. */
export interface PersistedTable {
  readonly table: string;
  readonly orderBy: string;
}

/** The tables the database file keeps: PlanAlign's outputs, the census and the run's metadata. */
export const PERSISTED_TABLES: readonly PersistedTable[] = [
  { table: 'fct_yearly_events', orderBy: 'simulation_year, employee_id, event_sequence' },
  { table: 'fct_workforce_snapshot', orderBy: 'simulation_year, employee_id' },
  { table: 'int_enrollment_state_accumulator', orderBy: 'simulation_year, employee_id' },
  { table: 'stg_census_data', orderBy: 'employee_id' },
  { table: 'int_baseline_workforce', orderBy: 'employee_id' },
  { table: 'run_metadata', orderBy: 'started_ms, simulation_year, model' },
  { table: 'run_settings', orderBy: 'setting' },
  { table: 'run_adjustments', orderBy: 'at_ms' },
];

/** Name under which the database file is attached to the in-memory instance. */
export const FILE_CATALOG = 'out';

/**
 * Attaches `file` and copies every persisted table into it, spreading the copies over the given
 * connections (the largest tables first), then checkpoints the file once.
 */
export async function persistOutputs(connections: readonly DuckDBConnection[], file: string): Promise<void> {
  const main = connections[0]!;
  await main.run(`ATTACH ${quoteLiteral(file)} AS ${FILE_CATALOG}`);
  const queue = [...PERSISTED_TABLES];
  const copyNext = async (connection: DuckDBConnection): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const name = quoteIdentifier(next.table);
      const ddl = OUTPUT_TABLE_DDL.find((d) => d.startsWith(`CREATE TABLE ${next.table} (`));
      if (ddl === undefined) {
        await connection.run(`CREATE TABLE ${FILE_CATALOG}.${name} AS SELECT * FROM memory.main.${name} ORDER BY ${next.orderBy}`);
      } else { // PlanAlign's DDL, NOT NULL constraints included
        await connection.run(ddl.replace(`CREATE TABLE ${next.table} (`, `CREATE TABLE ${FILE_CATALOG}.${name} (`));
        await connection.run(`INSERT INTO ${FILE_CATALOG}.${name} SELECT * FROM memory.main.${name} ORDER BY ${next.orderBy}`);
      }
    }
  };
  await Promise.all(connections.map(copyNext));
  await main.run(`CHECKPOINT ${FILE_CATALOG}`);
  await main.run(`DETACH ${FILE_CATALOG}`);
}

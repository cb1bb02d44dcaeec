// The simulation runs in an in-memory DuckDB database, so intermediates never pay the file's
// compression costs. The output writer copies each finished year into the database file: beside
// the next year's models when the mode and the thread count leave a slot for it (holding that
// slot), before the next year otherwise. Years are written in order and each in a total row
// order, so the file's contents never depend on the schedule. Writing a year to the file costs
// about as much as simulating it (DuckDB analyses and compresses every string), hence the overlap.
// Each year is one transaction. The checkpoint's vacuum would merge the partial row groups each
// year's append ends with, rewriting most of the file (measured: 2.2 s for fct_yearly_events
// alone); the file is attached with max_vacuum_tasks = 0, which leaves them as they are.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { DuckDBThreads } from './duckdb-threads.js';
import type { ModelExecution } from './model-types.js';
import { publishedName } from './models-state.js';
import { OUTPUT_TABLE_DDL } from './output-schema.js';
import { SHARD_IDS } from './sharding.js';
import { quoteLiteral } from './sql-fragments.js';

/** Name under which the database file is attached to the in-memory instance. */
export const FILE_CATALOG = 'out';

/** A table the file keeps, with the total row order it is written in. */
interface WrittenTable {
  readonly table: string;
  readonly orderBy: string;
}

/** Output tables published year by year (models-state.ts): appended to the file after each year. */
const YEARLY_TABLES: readonly WrittenTable[] = [
  { table: 'fct_yearly_events', orderBy: 'employee_id, event_sequence' },
  { table: 'fct_workforce_snapshot', orderBy: 'employee_id' },
  { table: 'int_enrollment_state_accumulator', orderBy: 'employee_id' },
];

/** Staged once in the start year; written with it. */
const START_TABLES: readonly WrittenTable[] = [
  { table: 'stg_census_data', orderBy: 'employee_id' },
  { table: 'int_baseline_workforce', orderBy: 'employee_id' },
];

/** The run's own record (run-metadata.ts), written last. */
const METADATA_TABLES: readonly WrittenTable[] = [
  { table: 'run_metadata', orderBy: 'started_ms, simulation_year, model' },
  { table: 'run_settings', orderBy: 'setting' },
  { table: 'run_adjustments', orderBy: 'at_ms' },
];

/** PlanAlign's DDL (NOT NULL constraints included) for an output table, created in the file. */
function fileDdl(table: string): string {
  const ddl = OUTPUT_TABLE_DDL.find((d) => d.startsWith(`CREATE TABLE ${table} (`));
  if (ddl === undefined) throw new Error(`no DDL for ${table}`);
  return ddl.replace(`CREATE TABLE ${table} (`, `CREATE TABLE ${FILE_CATALOG}.${table} (`);
}

/** SQL stacking one year's shards of a published output table. */
function yearRowsSql(table: string, year: number): string {
  return SHARD_IDS.map((k) => `SELECT * FROM memory.main.${publishedName(table, year, k)}`).join(' UNION ALL ');
}

/** What the writer needs from the simulation besides its own connection. */
export interface WriterOptions {
  readonly startYear: number;
  readonly duckdbThreads: DuckDBThreads;
  /** Milliseconds since the simulation started. */
  readonly clock: () => number;
}

/** Writes the simulation's outputs into the database file, year by year. */
export class OutputWriter {
  readonly #connection: DuckDBConnection;
  readonly #options: WriterOptions;
  /** The write in progress (settled when none): each write waits for the one before. */
  #last: Promise<void> = Promise.resolve();
  readonly #rows = new Map<string, number>();
  readonly #executions: ModelExecution[] = [];

  private constructor(connection: DuckDBConnection, options: WriterOptions) {
    this.#connection = connection;
    this.#options = options;
  }

  /** Attaches `file` (which must not exist) and creates the yearly output tables in it. */
  static async open(connection: DuckDBConnection, file: string, options: WriterOptions): Promise<OutputWriter> {
    await connection.run(`ATTACH ${quoteLiteral(file)} AS ${FILE_CATALOG}`);
    for (const { table } of YEARLY_TABLES) await connection.run(fileDdl(table));
    return new OutputWriter(connection, options);
  }

  /** Rows written so far, per table. */
  get rows(): ReadonlyMap<string, number> {
    return this.#rows;
  }

  /**
   * The writes done so far, as run_metadata rows (model `write_outputs`, class WRITER). A write
   * starts between two years, before any model of the next, so it always starts alone.
   */
  get executions(): readonly ModelExecution[] {
    return this.#executions;
  }

  /**
   * Writes `year`, whose models have all finished. Given `beside`, returns once the write has
   * started and holds one slot of that limit until it ends (the next year's models run beside
   * it); otherwise returns when it is done. Throws the previous write's error, if it failed.
   */
  async write(year: number, beside: ConcurrencyLimit | null): Promise<void> {
    await this.#last;
    const release = beside?.reserve() ?? (() => undefined);
    const leave = this.#options.duckdbThreads.enter();
    const writing = this.#writeYear(year).finally(() => {
      leave();
      release();
    });
    this.#last = writing;
    writing.catch(() => undefined); // surfaced by the next write() or flush(), not as unhandled
    if (beside === null) await writing;
  }

  /** Waits until every year written so far is in the file; throws a failed write's error. */
  async flush(): Promise<void> {
    await this.#last;
  }

  /** Waits for the last write, ignoring its outcome (the simulation failed and stops). */
  async abandon(): Promise<void> {
    await this.#last.catch(() => undefined);
  }

  /** Copies the metadata tables (after flush()), checkpoints and detaches the file. */
  async finish(): Promise<void> {
    await this.#last;
    for (const { table, orderBy } of METADATA_TABLES) {
      await this.#connection.run(`CREATE TABLE ${FILE_CATALOG}.${table} AS SELECT * FROM memory.main.${table} ORDER BY ${orderBy}`);
    }
    await this.#connection.run(`CHECKPOINT ${FILE_CATALOG}`);
    await this.#connection.run(`DETACH ${FILE_CATALOG}`);
  }

  async #writeYear(year: number): Promise<void> {
    const { clock, startYear } = this.#options;
    const startedMs = clock();
    const count = (table: string, rows: number): void => {
      this.#rows.set(table, (this.#rows.get(table) ?? 0) + rows);
    };
    await this.#connection.run('BEGIN TRANSACTION');
    try {
      for (const { table, orderBy } of YEARLY_TABLES) {
        const sql = `INSERT INTO ${FILE_CATALOG}.${table} SELECT * FROM (${yearRowsSql(table, year)}) ORDER BY ${orderBy}`;
        count(table, (await this.#connection.run(sql)).rowsChanged);
      }
      if (year === startYear) {
        for (const { table, orderBy } of START_TABLES) {
          await this.#connection.run(`CREATE TABLE ${FILE_CATALOG}.${table} AS SELECT * FROM memory.main.${table} ORDER BY ${orderBy}`);
          const rows = (await this.#connection.runAndReadAll(`SELECT count(*) FROM ${FILE_CATALOG}.${table}`)).getRows();
          count(table, Number(rows[0]?.[0] ?? 0));
        }
      }
      await this.#connection.run('COMMIT');
    } catch (error) {
      await this.#connection.run('ROLLBACK').catch(() => undefined);
      throw new Error(`writing year ${year} to the database file failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    // Free memory: this year's events and enrollment state are in the file now, and the previous
    // year's snapshot has been read by this year's models (only the next year reads this one's).
    const done = [
      ...SHARD_IDS.map((k) => publishedName('fct_yearly_events', year, k)),
      ...SHARD_IDS.map((k) => publishedName('int_enrollment_state_accumulator', year, k)),
      ...(year > startYear ? SHARD_IDS.map((k) => publishedName('fct_workforce_snapshot', year - 1, k)) : []),
    ];
    for (const table of done) await this.#connection.run(`DROP TABLE memory.main.${table}`);
    this.#executions.push({ year, model: 'write_outputs', modelClass: 'WRITER', startedMs, finishedMs: clock(), concurrentAtStart: 1 });
  }
}

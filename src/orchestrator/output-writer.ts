// The simulation runs in an in-memory DuckDB database, so intermediates never pay the file's
// compression costs. The output writer copies each finished year into the database file: beside
// the next year's models when the mode and the thread count leave a slot for it (holding that
// slot), before the next year otherwise. Years are written in order and each in a total row
// order, so the file's contents never depend on the schedule. Writing a year to the file costs
// about as much as simulating it (DuckDB analyses and compresses every string), hence the overlap.
// Written before the next year (nothing else running), a year's tables are spread over as many
// connections as the thread count allows, the largest first: one table's append barely
// parallelises inside DuckDB (a year is one or two row groups), while separate tables do.
// Each table's append is one transaction. The checkpoint's vacuum would merge the partial row
// groups each year's append ends with, rewriting most of the file (measured: 2.2 s for
// fct_yearly_events alone); the instance runs with max_vacuum_tasks = 0, which leaves them be.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { DuckDBThreads } from './duckdb-threads.js';
import type { ModelExecution } from './model-types.js';
import { publishedName } from './models-state.js';
import { outputTableDdl } from './output-schema.js';
import { SHARD_IDS } from './sharding.js';
import type { SlotBoard } from './slot-board.js';
import { quoteLiteral } from './sql-fragments.js';

/** Name under which the database file is attached to the in-memory instance. */
export const FILE_CATALOG = 'out';

/** A table the file keeps, with the total row order it is written in. */
interface WrittenTable {
  readonly table: string;
  readonly orderBy: string;
}

/** Output tables published year by year (models-state.ts), largest first: appended after each year. */
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
  /** Slot numbers shared with the engine: a write holds one, as a model does. */
  readonly slots: SlotBoard;
}

/** Writes the simulation's outputs into the database file, year by year. */
export class OutputWriter {
  /** The writer's own connections: the first for everything, the others for parallel appends. */
  readonly #connections: readonly DuckDBConnection[];
  readonly #options: WriterOptions;
  /** The write in progress (settled when none): each write waits for the one before. */
  #last: Promise<void> = Promise.resolve();
  readonly #rows = new Map<string, number>();
  readonly #executions: ModelExecution[] = [];

  private constructor(connections: readonly DuckDBConnection[], options: WriterOptions) {
    this.#connections = connections;
    this.#options = options;
  }

  /**
   * Attaches `file` (which must not exist) and creates the yearly output tables in it. A year
   * written in the foreground uses up to as many of `connections` as it has tables.
   */
  static async open(
    connections: readonly DuckDBConnection[],
    file: string,
    options: WriterOptions,
  ): Promise<OutputWriter> {
    const first = connections[0];
    if (first === undefined) throw new Error('the output writer needs a connection');
    await first.run(`ATTACH ${quoteLiteral(file)} AS ${FILE_CATALOG}`);
    for (const { table } of YEARLY_TABLES)
      await first.run(outputTableDdl(table, `CREATE TABLE ${FILE_CATALOG}.${table}`));
    return new OutputWriter(connections, options);
  }

  /** How many connections the writer may use at once (its thread count share when alone). */
  static connectionsFor(threads: number): number {
    return Math.min(threads, YEARLY_TABLES.length + START_TABLES.length);
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
   * `dependsOn` is what run_metadata records it waited for (the year's final models).
   */
  async write(year: number, beside: ConcurrencyLimit | null, dependsOn: readonly string[] = []): Promise<void> {
    await this.#last;
    const release = beside?.reserve() ?? (() => undefined);
    // Writes run one after another: each also waits for the one before.
    const after = year > this.#options.startYear ? [...dependsOn, `write_outputs@${year - 1}`] : dependsOn;
    const writing = this.#writeYear(year, beside === null ? this.#connections.length : 1, after).finally(release);
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
    const first = this.#connections[0]!;
    for (const { table, orderBy } of METADATA_TABLES) {
      await first.run(
        `CREATE TABLE ${FILE_CATALOG}.${table} AS SELECT * FROM memory.main.${table} ORDER BY ${orderBy}`,
      );
    }
    await first.run(`CHECKPOINT ${FILE_CATALOG}`);
    await first.run(`DETACH ${FILE_CATALOG}`);
  }

  /** Appends one year's tables (and the start tables with the start year) over `parallel` connections. */
  async #writeYear(year: number, parallel: number, dependsOn: readonly string[]): Promise<void> {
    const { clock, slots } = this.#options;
    const startedMs = clock();
    const slot = slots.take();
    try {
      await this.#appendYear(year, parallel);
    } finally {
      slots.give(slot);
    }
    this.#executions.push({
      year,
      model: 'write_outputs',
      modelClass: 'WRITER',
      startedMs,
      finishedMs: clock(),
      concurrentAtStart: 1,
      slot,
      dependsOn,
    });
  }

  /** The appends, checkpoint and clean-up of one year. */
  async #appendYear(year: number, parallel: number): Promise<void> {
    const { startYear, duckdbThreads } = this.#options;
    const appends = [
      ...YEARLY_TABLES.map(({ table, orderBy }) => ({
        table,
        sql: `INSERT INTO ${FILE_CATALOG}.${table} SELECT * FROM (${yearRowsSql(table, year)}) ORDER BY ${orderBy}`,
      })),
      ...(year === startYear ? START_TABLES : []).map(({ table, orderBy }) => ({
        table,
        sql: `INSERT INTO ${FILE_CATALOG}.${table} SELECT * FROM memory.main.${table} ORDER BY ${orderBy}`,
      })),
    ];
    if (year === startYear) {
      for (const { table } of START_TABLES) {
        await this.#connections[0]!.run(
          `CREATE TABLE ${FILE_CATALOG}.${table} AS SELECT * FROM memory.main.${table} LIMIT 0`,
        );
      }
    }
    const appendNext = async (connection: DuckDBConnection): Promise<void> => {
      for (let next = appends.shift(); next !== undefined; next = appends.shift()) {
        const leave = duckdbThreads.enter();
        try {
          const rows = (await connection.run(next.sql)).rowsChanged;
          this.#rows.set(next.table, (this.#rows.get(next.table) ?? 0) + rows);
        } catch (error) {
          throw new Error(
            `writing ${next.table} of ${year} to the database file failed: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        } finally {
          leave();
        }
      }
    };
    // allSettled: no connection may still be appending when a failure closes them all.
    const outcomes = await Promise.allSettled(this.#connections.slice(0, Math.max(1, parallel)).map(appendNext));
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    // Appends smaller than a row group (the census, each year's remainders) wait in the WAL; writing
    // them out now keeps that work here, beside the next year, instead of in the final checkpoint.
    await this.#connections[0]!.run(`CHECKPOINT ${FILE_CATALOG}`);
    // Free memory: this year's events and enrollment state are in the file now, and the previous
    // year's snapshot has been read by this year's models (only the next year reads this one's).
    const done = [
      ...SHARD_IDS.map((k) => publishedName('fct_yearly_events', year, k)),
      ...SHARD_IDS.map((k) => publishedName('int_enrollment_state_accumulator', year, k)),
      ...(year > startYear ? SHARD_IDS.map((k) => publishedName('fct_workforce_snapshot', year - 1, k)) : []),
    ];
    for (const table of done) await this.#connections[0]!.run(`DROP TABLE memory.main.${table}`);
  }
}

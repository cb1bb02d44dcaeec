// Runs one whole simulation: opens one in-memory DuckDB instance with `threads` threads and
// connections for the models, the output writer and DuckDB's thread setting, runs every year's DAG
// through the engine, has each finished year written into the database file, then records
// metadata and returns the summary the command prints.
import { rm } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ThreadingMode } from '../matrix/types.js';
import { startAdaptiveAdjuster } from './adaptive-adjuster.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { DuckDBThreads } from './duckdb-threads.js';
import { listFinalModels, runModels } from './engine.js';
import type { Model, ModelExecution, ThreadAdjustment } from './model-types.js';
import { SUMMARY_TABLES } from './output-schema.js';
import { OutputWriter } from './output-writer.js';
import { buildYearModels } from './pipeline.js';
import { PLANT_REPEAT_ENV, plantRepeatedWork, readPlantedModels } from './planted-work.js';
import { readPlantedDelayMs, waitPlantedDelay } from './planted-delay.js';
import { SlotBoard } from './slot-board.js';
import { keepIntermediates } from './keep-intermediates.js';
import { applyPlantedChanges, readPlantedChanges } from './planted-change.js';
import { RUN_METADATA_DDL, writeRunMetadata } from './run-metadata.js';
import { DEFAULT_PLAN_DESIGN_ID, type SimulationContext } from './simulation-context.js';
import type { SimulateOptions, ThreadSource } from './simulate-options.js';
import { STARTUP_POOL_SIZE, measurePoolConcurrency } from './thread-pool.js';

/** A fully resolved run: the thread count is a number here (auto already resolved). */
export interface SimulationRun
  extends Pick<
    SimulateOptions,
    | 'threadSource'
    | 'mode'
    | 'startYear'
    | 'endYear'
    | 'employees'
    | 'seed'
    | 'database'
    | 'scenarioId'
    | 'memoryLimitBytes'
    | 'probePool'
  > {
  /** Copy each model's last state into the file too (keep-intermediates.ts); default false. */
  readonly keepIntermediates?: boolean;
  readonly threads: number;
  /** Ceiling the adaptive adjuster may raise concurrency to. */
  readonly maxThreads: number;
  readonly replaceExisting: boolean;
}

/** What `--json` prints: one object. */
export interface SimulationSummary {
  readonly database: string;
  readonly threads: number;
  readonly threadSource: ThreadSource;
  readonly mode: ThreadingMode;
  readonly seed: number;
  readonly years: string;
  readonly employees: number;
  readonly scenarioId: string;
  readonly rows: Readonly<Record<string, number>>;
  readonly wallMs: number;
  readonly peakRssBytes: number;
  readonly duckdbVersion: string;
  readonly uvThreadpoolSize: number;
  readonly maxConcurrentModels: number;
  readonly adjustments: readonly ThreadAdjustment[];
  /** Queries measured running at once when --probe-pool was given, else null. */
  readonly poolConcurrency: number | null;
  readonly executions: readonly ModelExecution[];
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<string> {
  const reader = await connection.runAndReadAll(sql);
  return String(reader.getRows()[0]?.[0] ?? '');
}

/** Whether the output writer may run beside the next year's models: a free slot and a mode that overlaps work. */
function writesInBackground(mode: ThreadingMode, limit: ConcurrencyLimit): boolean {
  return mode !== 'sequential' && limit.current >= 2;
}

/** Runs the simulation end to end; throws on any model failure, leaving no database file behind. */
export async function runSimulation(run: SimulationRun): Promise<SimulationSummary> {
  const t0 = performance.now();
  const clock = (): number => performance.now() - t0;
  if (run.replaceExisting) await removeDatabase(run.database);
  // Intermediates live in memory; the output writer copies each finished year into the file.
  // preserve_insertion_order=false as PlanAlign sets it: no model's output depends on row order.
  // A high checkpoint_threshold: the in-memory database otherwise checkpoints every ~16 MB of
  // changes, which cost 0.5-1.7 s at the start of each later year (measured), for memory only.
  // max_vacuum_tasks=0: see output-writer.ts.
  const plantedDelayMs = readPlantedDelayMs();
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(run.threads),
    preserve_insertion_order: 'false',
    checkpoint_threshold: '64GB',
    max_vacuum_tasks: '0',
  });
  const connections: DuckDBConnection[] = [];
  let writer: OutputWriter | null = null; // set once the file is ours
  let duckdbThreads: DuckDBThreads | null = null;
  let finished = false;
  try {
    const poolConcurrency = run.probePool ? await measurePoolConcurrency(instance) : null;
    // One connection per concurrent model, the writer's own and one to set DuckDB's threads on.
    const writerConnections = OutputWriter.connectionsFor(run.threads);
    for (let i = 0; i < run.maxThreads + writerConnections + 1; i += 1) connections.push(await instance.connect());
    const main = connections[0]!;
    for (const ddl of RUN_METADATA_DDL) await main.run(ddl);
    const ctx: SimulationContext = {
      seed: run.seed,
      scenarioId: run.scenarioId,
      planDesignId: DEFAULT_PLAN_DESIGN_ID,
      startYear: run.startYear,
      endYear: run.endYear,
      employees: run.employees,
    };
    const limit = new ConcurrencyLimit(run.threads, run.maxThreads);
    duckdbThreads = new DuckDBThreads(connections.at(-1)!, run.threads);
    const slots = new SlotBoard();
    const writerOptions = { startYear: run.startYear, duckdbThreads, clock, slots };
    writer = await OutputWriter.open(
      connections.slice(run.maxThreads, run.maxThreads + writerConnections),
      run.database,
      writerOptions,
    );
    const modelConnections = connections.slice(0, run.maxThreads);
    const stopAdjuster =
      run.memoryLimitBytes !== null
        ? startAdaptiveAdjuster({ limit, memoryLimitBytes: run.memoryLimitBytes, raiseTo: run.maxThreads, clock })
        : () => [];
    const executions: ModelExecution[] = [];
    let adjustments: ThreadAdjustment[] = [];
    const plantedChanges = readPlantedChanges();
    let lastModels: Model[] = [];
    try {
      let after: string[] = []; // what the next year's first models wait for
      const planted = readPlantedModels(process.env[PLANT_REPEAT_ENV]);
      for (let year = run.startYear; year <= run.endYear; year += 1) {
        const models = applyPlantedChanges(
          plantRepeatedWork(buildYearModels(ctx, year), planted),
          plantedChanges,
          run.threads,
        );
        lastModels = [...lastModels.filter((m) => !models.some((n) => n.name === m.name)), ...models];
        executions.push(
          ...(await runModels(models, {
            year,
            mode: run.mode,
            connections: modelConnections,
            limit,
            duckdbThreads,
            clock,
            slots,
            after,
          })),
        );
        await waitPlantedDelay(plantedDelayMs);
        const background = year < run.endYear && writesInBackground(run.mode, limit);
        const finals = listFinalModels(models);
        await writer.write(year, background ? limit : null, finals);
        // In the foreground the next year waits for the write too; beside it, only for this year's models.
        after = background ? finals.map((name) => `${name}@${year}`) : [`write_outputs@${year}`];
      }
    } finally {
      adjustments = stopAdjuster();
    }
    const duckdbVersion = await scalar(main, 'SELECT version()');
    const settings: Record<string, string> = {
      threads: String(run.threads),
      thread_source: run.threadSource,
      max_threads: String(run.maxThreads),
      mode: run.mode,
      seed: String(run.seed),
      years: `${run.startYear}-${run.endYear}`,
      employees: String(run.employees),
      scenario_id: run.scenarioId,
      duckdb_version: duckdbVersion,
      uv_threadpool_size: String(STARTUP_POOL_SIZE),
      memory_limit_bytes: run.memoryLimitBytes === null ? 'none' : String(run.memoryLimitBytes),
    };
    await writer.flush();
    await duckdbThreads.settle();
    if (run.keepIntermediates) await keepIntermediates(main, declaredNames(lastModels));
    executions.push(...writer.executions);
    executions.sort((a, b) => a.startedMs - b.startedMs || a.model.localeCompare(b.model));
    await writeRunMetadata(main, executions, settings, adjustments);
    await writer.finish();
    finished = true;
    const rows = Object.fromEntries(SUMMARY_TABLES.map((table) => [table, writer!.rows.get(table) ?? 0]));
    return {
      database: run.database,
      threads: run.threads,
      threadSource: run.threadSource,
      mode: run.mode,
      seed: run.seed,
      years: `${run.startYear}-${run.endYear}`,
      employees: run.employees,
      scenarioId: run.scenarioId,
      rows,
      wallMs: Math.round(clock()),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      duckdbVersion,
      uvThreadpoolSize: STARTUP_POOL_SIZE,
      maxConcurrentModels: Math.max(0, ...executions.map((e) => e.concurrentAtStart)),
      adjustments,
      poolConcurrency,
      executions,
    };
  } finally {
    await writer?.abandon();
    await duckdbThreads?.settle().catch(() => undefined);
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
    // A failed run's file holds only some years: remove it rather than leave it looking complete.
    if (writer !== null && !finished) await removeDatabase(run.database);
  }
}

/** Models by their declared (unsharded) names: the kept copy stores a sharded model's shards as one table. */
function declaredNames(models: readonly Model[]): Model[] {
  return models.map((model) => ({ ...model, name: model.name.replace(/_s\d+$/, '') }));
}

async function removeDatabase(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
}

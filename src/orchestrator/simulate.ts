// Runs one whole simulation: opens one DuckDB instance with `threads` threads, one connection per
// possible concurrent model, runs every year's DAG through the engine, then records metadata
// and returns the summary the command prints.
import { rm } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ThreadingMode } from '../matrix/types.js';
import { startAdaptiveAdjuster } from './adaptive-adjuster.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { runModels } from './engine.js';
import type { ModelExecution, ThreadAdjustment } from './model-types.js';
import { SUMMARY_TABLES } from './output-schema.js';
import { PUBLISHED_TABLES, publishedTableSql } from './models-state.js';
import { persistOutputs } from './persist-outputs.js';
import { buildYearModels } from './pipeline.js';
import { RUN_METADATA_DDL, writeRunMetadata } from './run-metadata.js';
import { DEFAULT_PLAN_DESIGN_ID, type SimulationContext } from './simulation-context.js';
import type { SimulateOptions, ThreadSource } from './simulate-options.js';
import { STARTUP_POOL_SIZE, measurePoolConcurrency } from './thread-pool.js';

/** A fully resolved run: the thread count is a number here (auto already resolved). */
export interface SimulationRun
  extends Pick<
    SimulateOptions,
    'threadSource' | 'mode' | 'startYear' | 'endYear' | 'employees' | 'seed' | 'database' | 'scenarioId' | 'memoryLimitBytes' | 'probePool'
  > {
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

/** Runs the simulation end to end; throws on any model failure. */
export async function runSimulation(run: SimulationRun): Promise<SimulationSummary> {
  const t0 = performance.now();
  const clock = (): number => performance.now() - t0;
  if (run.replaceExisting) {
    await rm(run.database, { force: true });
    await rm(`${run.database}.wal`, { force: true });
  }
  // Intermediates live in memory; persistOutputs copies the output tables into the file at the end.
  // preserve_insertion_order=false as PlanAlign sets it: no model's output depends on row order.
  // A high checkpoint_threshold: the in-memory database otherwise checkpoints every ~16 MB of
  // changes, which cost 0.5-1.7 s at the start of each later year (measured), for memory only.
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(run.threads), preserve_insertion_order: 'false', checkpoint_threshold: '64GB',
  });
  const connections: DuckDBConnection[] = [];
  try {
    const poolConcurrency = run.probePool ? await measurePoolConcurrency(instance) : null;
    for (let i = 0; i < run.maxThreads; i += 1) connections.push(await instance.connect());
    const main = connections[0]!;
    for (const ddl of RUN_METADATA_DDL) await main.run(ddl);
    const ctx: SimulationContext = {
      seed: run.seed, scenarioId: run.scenarioId, planDesignId: DEFAULT_PLAN_DESIGN_ID,
      startYear: run.startYear, endYear: run.endYear, employees: run.employees,
    };
    const limit = new ConcurrencyLimit(run.threads, run.maxThreads);
    const stopAdjuster = run.memoryLimitBytes !== null
      ? startAdaptiveAdjuster({ limit, memoryLimitBytes: run.memoryLimitBytes, raiseTo: run.maxThreads, clock })
      : () => [];
    const executions: ModelExecution[] = [];
    let adjustments: ThreadAdjustment[] = [];
    try {
      for (let year = run.startYear; year <= run.endYear; year += 1) {
        executions.push(...(await runModels(buildYearModels(ctx, year), { year, mode: run.mode, connections, limit, clock })));
      }
    } finally {
      adjustments = stopAdjuster();
    }
    for (const output of PUBLISHED_TABLES) await main.run(publishedTableSql(output, run.startYear, run.endYear));
    const duckdbVersion = await scalar(main, 'SELECT version()');
    const settings: Record<string, string> = {
      threads: String(run.threads), thread_source: run.threadSource, max_threads: String(run.maxThreads), mode: run.mode,
      seed: String(run.seed), years: `${run.startYear}-${run.endYear}`, employees: String(run.employees),
      scenario_id: run.scenarioId, duckdb_version: duckdbVersion, uv_threadpool_size: String(STARTUP_POOL_SIZE),
      memory_limit_bytes: run.memoryLimitBytes === null ? 'none' : String(run.memoryLimitBytes),
    };
    await writeRunMetadata(main, executions, settings, adjustments);
    const rows: Record<string, number> = {};
    for (const table of SUMMARY_TABLES) rows[table] = Number(await scalar(main, `SELECT count(*) FROM "${table}"`));
    await persistOutputs(connections.slice(0, run.threads), run.database);
    return {
      database: run.database, threads: run.threads, threadSource: run.threadSource, mode: run.mode, seed: run.seed,
      years: `${run.startYear}-${run.endYear}`, employees: run.employees, scenarioId: run.scenarioId, rows,
      wallMs: Math.round(clock()), peakRssBytes: process.resourceUsage().maxRSS * 1024, duckdbVersion,
      uvThreadpoolSize: STARTUP_POOL_SIZE, maxConcurrentModels: Math.max(0, ...executions.map((e) => e.concurrentAtStart)),
      adjustments, poolConcurrency, executions,
    };
  } finally {
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
  }
}

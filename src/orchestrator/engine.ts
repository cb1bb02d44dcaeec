// The dependency-aware execution engine (E067): runs one year's models, each on its own
// connection of one DuckDB instance, as many at once as the mode, the model classes and the
// concurrency limit allow. Output never depends on the schedule: each model is a pure function
// of its inputs, so only wall time changes with the thread count and mode.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ThreadingMode } from '../matrix/types.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { DuckDBThreads } from './duckdb-threads.js';
import type { Model, ModelExecution } from './model-types.js';
import { SlotBoard } from './slot-board.js';

/** What the engine needs besides the models: connections (one per possible concurrent model). */
export interface EngineOptions {
  readonly year: number;
  readonly mode: ThreadingMode;
  readonly connections: readonly DuckDBConnection[];
  readonly limit: ConcurrencyLimit;
  /** Told of every model start and end, to keep DuckDB's own threads from oversubscribing. */
  readonly duckdbThreads: DuckDBThreads;
  /** Milliseconds since the simulation started. */
  readonly clock: () => number;
  /** Slot numbers shared with the output writer (default: a board of this year's own). */
  readonly slots?: SlotBoard;
  /**
   * What this year's first models (those with no dependency in the year) waited for: the engine
   * runs years one after another, so they follow the previous year (`name@year`, run_metadata).
   */
  readonly after?: readonly string[];
}

/**
 * Whether `model` may start beside the `running` ones, `limit` being the slots models may use
 * (0 while the output writer holds the only one). SEQUENTIAL models always run alone;
 * `sequential` runs one model at a time; `selective` runs PARALLEL_SAFE models together;
 * `aggressive` also runs CONDITIONAL models beside others.
 */
export function canStart(model: Model, running: readonly Model[], mode: ThreadingMode, limit: number): boolean {
  if (running.length >= limit) return false;
  if (running.length === 0) return true;
  if (mode === 'sequential') return false;
  if (model.modelClass === 'SEQUENTIAL' || running.some((r) => r.modelClass === 'SEQUENTIAL')) return false;
  if (mode === 'selective')
    return model.modelClass === 'PARALLEL_SAFE' && running.every((r) => r.modelClass === 'PARALLEL_SAFE');
  return true;
}

/** Length of the longest chain of dependants below each model: longer chains start first. */
export function criticalPathLengths(models: readonly Model[]): Map<string, number> {
  const dependants = new Map<string, string[]>(models.map((m) => [m.name, []]));
  for (const m of models) for (const d of m.dependsOn) dependants.get(d)?.push(m.name);
  const memo = new Map<string, number>();
  const depth = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const below = (dependants.get(name) ?? []).map(depth);
    const value = 1 + (below.length > 0 ? Math.max(...below) : 0);
    memo.set(name, value);
    return value;
  };
  return new Map(models.map((m) => [m.name, depth(m.name)]));
}

/** Models no other model of the year depends on: a year is done when these are. */
export function listFinalModels(models: readonly Model[]): string[] {
  const needed = new Set(models.flatMap((m) => m.dependsOn));
  return models.filter((m) => !needed.has(m.name)).map((m) => m.name);
}

/** Runs a model's statements in one transaction on one connection. */
async function executeModel(connection: DuckDBConnection, model: Model): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const statement of model.statements) await connection.run(statement);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw new Error(`model ${model.name} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Runs every model of one year, respecting dependencies; returns one record per execution. */
export async function runModels(models: readonly Model[], options: EngineOptions): Promise<ModelExecution[]> {
  const { mode, connections, limit, clock, year, duckdbThreads, slots = new SlotBoard(), after = [] } = options;
  const priority = criticalPathLengths(models);
  const declared = new Map(models.map((m, i) => [m.name, i]));
  const pending = [...models].sort(
    (a, b) =>
      (priority.get(b.name) ?? 0) - (priority.get(a.name) ?? 0) ||
      (declared.get(a.name) ?? 0) - (declared.get(b.name) ?? 0),
  );
  const done = new Set<string>();
  const running = new Map<string, { model: Model; connection: DuckDBConnection; promise: Promise<string> }>();
  const free = [...connections];
  const executions: ModelExecution[] = [];
  let failure: unknown = null;
  let wake: () => void = () => undefined;
  const unsubscribe = limit.onChange(() => wake());

  const startReady = (): void => {
    for (let i = 0; i < pending.length && failure === null; ) {
      const model = pending[i]!;
      const ready = model.dependsOn.every((d) => done.has(d));
      const runningModels = [...running.values()].map((r) => r.model);
      if (!ready || free.length === 0 || !canStart(model, runningModels, mode, limit.available)) {
        i += 1;
        continue;
      }
      pending.splice(i, 1);
      const connection = free.pop()!;
      const startedMs = clock();
      const concurrentAtStart = running.size + 1 + limit.reserved;
      const slot = slots.take();
      const dependsOn = model.dependsOn.length > 0 ? model.dependsOn : after;
      const leave = duckdbThreads.enter();
      const promise = executeModel(connection, model)
        .finally(() => {
          leave();
          slots.give(slot);
        })
        .then(
          () => {
            executions.push({
              year,
              model: model.name,
              modelClass: model.modelClass,
              startedMs,
              finishedMs: clock(),
              concurrentAtStart,
              slot,
              dependsOn,
            });
            return model.name;
          },
          (error: unknown) => {
            failure ??= error;
            return model.name;
          },
        );
      running.set(model.name, { model, connection, promise });
      i = 0; // a start can change what else may start (e.g. a SEQUENTIAL model blocks the rest)
    }
  };

  try {
    startReady();
    while (running.size > 0 || (pending.length > 0 && failure === null)) {
      // Nothing running and nothing startable although a slot is free: no order can satisfy the rest.
      if (running.size === 0 && limit.available > 0) {
        throw new Error(
          `year ${year}: models ${pending.map((m) => m.name).join(', ')} can never run (dependency cycle)`,
        );
      }
      const woken = new Promise<null>((resolve) => {
        wake = () => resolve(null);
      });
      const finished = await Promise.race([...[...running.values()].map((r) => r.promise), woken]);
      if (finished !== null) {
        const entry = running.get(finished)!;
        running.delete(finished);
        free.push(entry.connection);
        if (failure === null) done.add(finished);
      }
      if (failure === null) startReady();
    }
  } finally {
    unsubscribe();
  }
  if (failure !== null) throw failure;
  return executions.sort((a, b) => a.startedMs - b.startedMs || a.model.localeCompare(b.model));
}

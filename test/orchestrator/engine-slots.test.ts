// The engine shares its thread count with the output writer and with DuckDB's own workers, on a
// real DuckDB instance: a slot the writer holds delays models, and DuckDB's `threads` setting drops
// while queries run beside each other and comes back when one runs alone.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../src/orchestrator/concurrency-limit.js';
import { DuckDBThreads } from '../../src/orchestrator/duckdb-threads.js';
import { canStart, runModels } from '../../src/orchestrator/engine.js';
import type { Model } from '../../src/orchestrator/model-types.js';

let instance: DuckDBInstance;
let connections: DuckDBConnection[];

beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '4' });
  connections = [];
  for (let i = 0; i < 4; i += 1) connections.push(await instance.connect());
});

afterEach(() => {
  for (const connection of connections) connection.closeSync();
  instance.closeSync();
});

async function threadsSetting(): Promise<number> {
  const rows = (await connections[0]!.runAndReadAll("SELECT current_setting('threads')")).getRows();
  return Number(rows[0]![0]);
}

const model = (name: string, modelClass: Model['modelClass'], dependsOn: string[] = []): Model => ({
  name,
  modelClass,
  dependsOn,
  statements: [`CREATE OR REPLACE TABLE ${name} AS SELECT 1 AS x`],
});

describe('canStart', () => {
  it('starts nothing while the writer holds the only slot, and one model alone otherwise', () => {
    const a = model('a', 'PARALLEL_SAFE');
    expect(canStart(a, [], 'aggressive', 0), 'no slot left').toBe(false);
    expect(canStart(a, [], 'sequential', 1)).toBe(true);
    expect(canStart(a, [model('b', 'PARALLEL_SAFE')], 'aggressive', 1), 'limit reached').toBe(false);
    expect(canStart(a, [model('b', 'SEQUENTIAL')], 'aggressive', 4), 'SEQUENTIAL runs alone').toBe(false);
    expect(canStart(model('c', 'CONDITIONAL'), [a], 'selective', 4), 'selective pairs PARALLEL_SAFE only').toBe(false);
    expect(canStart(model('c', 'CONDITIONAL'), [a], 'aggressive', 4)).toBe(true);
  });
});

describe('engine and output writer share the thread count', () => {
  it('waits while the writer holds the only slot, then runs every model', async () => {
    const limit = new ConcurrencyLimit(1);
    const duckdbThreads = new DuckDBThreads(connections[3]!, 1);
    const release = limit.reserve();
    const started = performance.now();
    setTimeout(release, 150);
    const executions = await runModels([model('a', 'PARALLEL_SAFE'), model('b', 'PARALLEL_SAFE', ['a'])], {
      year: 2025,
      mode: 'aggressive',
      connections: connections.slice(0, 2),
      limit,
      duckdbThreads,
      clock: () => performance.now() - started,
    });
    await duckdbThreads.settle();
    expect(executions.map((e) => e.model)).toEqual(['a', 'b']);
    expect(executions[0]!.startedMs, 'first model started after the release').toBeGreaterThanOrEqual(140);
  });

  it('counts the writer in concurrent_at_start and leaves the models the other slots', async () => {
    const limit = new ConcurrencyLimit(3);
    const duckdbThreads = new DuckDBThreads(connections[3]!, 3);
    const release = limit.reserve();
    expect(limit.available).toBe(2);
    const executions = await runModels(
      [model('a', 'PARALLEL_SAFE'), model('b', 'PARALLEL_SAFE'), model('c', 'PARALLEL_SAFE')],
      {
        year: 2025,
        mode: 'aggressive',
        connections: connections.slice(0, 3),
        limit,
        duckdbThreads,
        clock: () => performance.now(),
      },
    );
    release();
    await duckdbThreads.settle();
    expect(Math.max(...executions.map((e) => e.concurrentAtStart)), 'two models and the writer').toBe(3);
  });
});

describe('DuckDB threads follow the thread count less the queries running beside the first', () => {
  it('computes the setting', () => {
    expect([0, 1, 2, 3, 4, 6].map((running) => DuckDBThreads.settingFor(4, running))).toEqual([4, 4, 3, 2, 1, 1]);
  });

  it('lowers DuckDB threads at once and raises them once a query has run alone a moment', async () => {
    const budget = new DuckDBThreads(connections[3]!, 4);
    const leaves = [budget.enter(), budget.enter(), budget.enter()];
    await budget.settle();
    expect(await threadsSetting(), 'three queries at once').toBe(2);
    leaves[2]!();
    leaves[1]!();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await budget.settle();
    expect(await threadsSetting(), 'one query alone again').toBe(4);
    leaves[0]!();
    leaves[0]!(); // leaving twice counts once
    const next = budget.enter();
    const other = budget.enter();
    await budget.settle();
    expect(await threadsSetting(), 'two queries at once').toBe(3);
    next();
    other();
    await budget.settle();
  });
});

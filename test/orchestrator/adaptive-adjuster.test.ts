// The adaptive thread adjuster: a tiny memory limit forces concurrency down during a real run,
// the adjustment is recorded, and the output stays identical to an unconstrained run.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideAdjustment } from '../../src/orchestrator/adaptive-adjuster.js';
import { ensureBuilt, runSimulate } from './simulate-helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-adjuster-'));
const constrained = path.join(dir, 'constrained.duckdb');
const free = path.join(dir, 'free.duckdb');
const args = ['--threads', '4', '--mode', 'aggressive', '--years', '2025-2026', '--employees', '300', '--seed', '3'];

describe('adaptive thread adjuster', () => {
  beforeAll(() => {
    ensureBuilt();
    for (const [database, extra] of [
      [constrained, ['--memory-limit', '1MB']],
      [free, []],
    ] as const) {
      const result = runSimulate([...args, ...extra, '--database', database, '--json']);
      if (result.status !== 0) throw new Error(result.stderr);
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('halves concurrency above the limit and raises it one step below the low-water mark', () => {
    expect(decideAdjustment(4, 600, { memoryLimitBytes: 500, raiseTo: 4 })?.to, 'above limit').toBe(2);
    expect(decideAdjustment(1, 600, { memoryLimitBytes: 500, raiseTo: 4 }), 'already at 1').toBeNull();
    expect(decideAdjustment(2, 100, { memoryLimitBytes: 500, raiseTo: 4 })?.to, 'well below').toBe(3);
    expect(decideAdjustment(4, 100, { memoryLimitBytes: 500, raiseTo: 4 }), 'at ceiling').toBeNull();
    expect(decideAdjustment(2, 450, { memoryLimitBytes: 500, raiseTo: 4 }), 'between low water and limit').toBeNull();
  });

  it('records the lowering in run_adjustments and keeps output identical', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`ATTACH '${constrained}' AS c (READ_ONLY)`);
    await connection.run(`ATTACH '${free}' AS f (READ_ONLY)`);
    const adjustments = (
      await connection.runAndReadAll('SELECT from_threads, to_threads FROM c.run_adjustments ORDER BY at_ms')
    ).getRows();
    const maxConcurrent = Number(
      (
        await connection.runAndReadAll(
          'SELECT max(concurrent_at_start) FROM c.run_metadata WHERE started_ms > (SELECT max(at_ms) FROM c.run_adjustments)',
        )
      ).getRows()[0]![0],
    );
    const differences: number[] = [];
    for (const [table, exempt] of [
      ['fct_yearly_events', 'created_at'],
      ['fct_workforce_snapshot', 'snapshot_created_at'],
    ]) {
      const cols = `* EXCLUDE (${exempt})`;
      const sql = `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM c.${table} EXCEPT ALL SELECT ${cols} FROM f.${table}))
        + (SELECT count(*) FROM (SELECT ${cols} FROM f.${table} EXCEPT ALL SELECT ${cols} FROM c.${table}))`;
      differences.push(Number((await connection.runAndReadAll(sql)).getRows()[0]![0]));
    }
    connection.closeSync();
    instance.closeSync();
    expect(adjustments[0], 'first adjustment halves 4 threads').toEqual([4, 2]);
    expect(adjustments.at(-1)?.[1], 'ends at one model at a time').toBe(1);
    expect(maxConcurrent, 'no model started beside another after the last lowering').toBe(1);
    expect(differences, 'rows differing from the unconstrained run').toEqual([0, 0]);
  });
});

// Output must be identical for every thread count, mode and repetition: 15 real child processes
// (threads {1,2,4,8,16} x three modes) on a small census, compared row for row with a reference.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runSimulate } from './simulate-helpers.js';

const THREADS = [1, 2, 4, 8, 16];
const MODES = ['sequential', 'selective', 'aggressive'];
const TABLES: Record<string, string> = {
  fct_yearly_events: 'created_at',
  fct_workforce_snapshot: 'snapshot_created_at',
  int_enrollment_state_accumulator: '',
  stg_census_data: '',
};
const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-determinism-'));
const database = (threads: number, mode: string): string => path.join(dir, `${mode}-${threads}.duckdb`);

/** Rows present in one table and not the other, both ways, with multiplicity (EXCEPT ALL). */
async function countDifferences(a: string, b: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`ATTACH '${a.replaceAll("'", "''")}' AS a (READ_ONLY)`);
    await connection.run(`ATTACH '${b.replaceAll("'", "''")}' AS b (READ_ONLY)`);
    const out: Record<string, number> = {};
    for (const [table, exempt] of Object.entries(TABLES)) {
      const cols = exempt === '' ? '*' : `* EXCLUDE (${exempt})`;
      const sql = `SELECT (SELECT count(*) FROM (SELECT ${cols} FROM a.${table} EXCEPT ALL SELECT ${cols} FROM b.${table}))
        + (SELECT count(*) FROM (SELECT ${cols} FROM b.${table} EXCEPT ALL SELECT ${cols} FROM a.${table}))
        + abs((SELECT count(*) FROM a.${table}) - (SELECT count(*) FROM b.${table}))`;
      out[table] = Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('simulate is deterministic across threads and modes', () => {
  beforeAll(() => {
    ensureBuilt();
    for (const mode of MODES) {
      for (const threads of THREADS) {
        const result = runSimulate([
          '--threads',
          String(threads),
          '--mode',
          mode,
          '--years',
          '2025-2027',
          '--employees',
          '500',
          '--seed',
          '7',
          '--database',
          database(threads, mode),
          '--json',
        ]);
        if (result.status !== 0) throw new Error(`simulate ${threads}/${mode} failed: ${result.stderr}`);
      }
    }
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('produces events and snapshots for every year', async () => {
    const instance = await DuckDBInstance.create(database(1, 'sequential'));
    const connection = await instance.connect();
    const rows = (
      await connection.runAndReadAll(
        'SELECT simulation_year, count(*) FROM fct_workforce_snapshot GROUP BY ALL ORDER BY 1',
      )
    ).getRows();
    const types = (
      await connection.runAndReadAll('SELECT DISTINCT event_type FROM fct_yearly_events ORDER BY 1')
    ).getRows();
    connection.closeSync();
    instance.closeSync();
    expect(
      rows.map((r) => r[0]),
      'one snapshot per year',
    ).toEqual([2025, 2026, 2027]);
    expect(
      types.map((r) => r[0]),
      'event types generated',
    ).toEqual(['eligibility', 'enrollment', 'enrollment_change', 'hire', 'promotion', 'raise', 'termination']);
  });

  for (const mode of MODES) {
    for (const threads of THREADS) {
      if (mode === 'sequential' && threads === 1) continue;
      it(`${mode} x ${threads} threads equals sequential x 1 row for row`, async () => {
        const differences = await countDifferences(database(1, 'sequential'), database(threads, mode));
        expect(differences, `${mode}/${threads}`).toEqual({
          fct_yearly_events: 0,
          fct_workforce_snapshot: 0,
          int_enrollment_state_accumulator: 0,
          stg_census_data: 0,
        });
      });
    }
  }

  it('writes the same row order into the file whatever the schedule', async () => {
    const orderOf = async (file: string): Promise<string[]> => {
      const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
      const connection = await instance.connect();
      const sql = `SELECT (SELECT md5(string_agg(event_id, ',' ORDER BY rowid)) FROM fct_yearly_events),
        (SELECT md5(string_agg(employee_id || simulation_year, ',' ORDER BY rowid)) FROM fct_workforce_snapshot)`;
      const row = (await connection.runAndReadAll(sql)).getRows()[0]!.map(String);
      connection.closeSync();
      instance.closeSync();
      return row;
    };
    const reference = await orderOf(database(1, 'sequential'));
    for (const mode of MODES) {
      for (const threads of [2, 16])
        expect(await orderOf(database(threads, mode)), `${mode}/${threads}`).toEqual(reference);
    }
  });

  it('records per-model executions and settings in run_metadata / run_settings', async () => {
    const instance = await DuckDBInstance.create(database(4, 'aggressive'));
    const connection = await instance.connect();
    const maxConcurrent = Number(
      (await connection.runAndReadAll('SELECT max(concurrent_at_start) FROM run_metadata')).getRows()[0]![0],
    );
    const settings = Object.fromEntries(
      (await connection.runAndReadAll('SELECT setting, value FROM run_settings')).getRows(),
    );
    connection.closeSync();
    instance.closeSync();
    expect(maxConcurrent, 'aggressive mode ran models together').toBeGreaterThan(1);
    expect(settings, 'settings row').toMatchObject({
      threads: '4',
      thread_source: 'flag',
      mode: 'aggressive',
      seed: '7',
    });
  });
});

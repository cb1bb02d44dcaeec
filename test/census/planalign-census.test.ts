import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { writePlanalignCensus } from '../../src/census/planalign-census.js';
import { makeTempDir, runCli } from '../helpers/run-cli.js';

/** PlanAlign's census scaffold (stg_census_data.sql): every column it reads, with its type. */
const PLANALIGN_SCAFFOLD: Readonly<Record<string, string>> = {
  employee_id: 'VARCHAR',
  employee_ssn: 'VARCHAR',
  employee_birth_date: 'DATE',
  employee_hire_date: 'DATE',
  employee_termination_date: 'DATE',
  employee_gross_compensation: 'DECIMAL(12,2)',
  active: 'BOOLEAN',
  employee_capped_compensation: 'DECIMAL(12,2)',
  employee_deferral_rate: 'DECIMAL(7,5)',
  employee_contribution: 'DECIMAL(12,2)',
  pre_tax_contribution: 'DECIMAL(12,2)',
  roth_contribution: 'DECIMAL(12,2)',
  after_tax_contribution: 'DECIMAL(12,2)',
  employer_core_contribution: 'DECIMAL(12,2)',
  employer_match_contribution: 'DECIMAL(12,2)',
  eligibility_entry_date: 'DATE',
};

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('planalign census', () => {
  it("has exactly the columns and types of PlanAlign's census scaffold, one row per employee", async () => {
    const dir = await makeTempDir('tg-census-');
    const file = path.join(dir, 'census.parquet');
    expect(await writePlanalignCensus({ employees: 500, seed: 42, startYear: 2025 }, file), 'employees written').toBe(
      500,
    );
    const columns = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    const types = Object.fromEntries(columns.map((row) => [String(row['column_name']), String(row['column_type'])]));
    expect(types, 'column names and types').toEqual(PLANALIGN_SCAFFOLD);
    const [stats] =
      await query(`SELECT count(*) AS n, count(DISTINCT employee_id) AS ids, min(employee_hire_date) < DATE '2024-12-31' AS hired_before,
      max(employee_birth_date) < DATE '2003-01-01' AS adults, bool_and(active) AS all_active, count(employee_termination_date) AS terminated,
      bool_and(employee_capped_compensation <= employee_gross_compensation) AS capped, max(employee_deferral_rate) <= 0.10 AS deferral_in_range
      FROM read_parquet('${file}')`);
    expect(stats, 'census shape').toEqual({
      n: '500',
      ids: '500',
      hired_before: true,
      adults: true,
      all_active: true,
      terminated: '0',
      capped: true,
      deferral_in_range: true,
    });
  });

  it('is a pure function of employees and seed: the same seed gives the same rows, another seed other rows', async () => {
    const dir = await makeTempDir('tg-census-');
    const [a, b, c] = ['a', 'b', 'c'].map((name) => path.join(dir, `${name}.parquet`)) as [string, string, string];
    await writePlanalignCensus({ employees: 300, seed: 7, startYear: 2025 }, a);
    await writePlanalignCensus({ employees: 300, seed: 7, startYear: 2025 }, b);
    await writePlanalignCensus({ employees: 300, seed: 8, startYear: 2025 }, c);
    const difference = (x: string, y: string) =>
      `SELECT count(*) AS n FROM (SELECT * FROM read_parquet('${x}') EXCEPT ALL SELECT * FROM read_parquet('${y}'))`;
    expect((await query(difference(a, b)))[0]!['n'], 'same seed: no row differs').toBe('0');
    expect(Number((await query(difference(a, c)))[0]!['n']), 'other seed: rows differ').toBeGreaterThan(250);
  });

  it('`threadgate census` writes the file, refuses to overwrite without --force, and names a bad flag', async () => {
    const dir = await makeTempDir('tg-census-');
    const file = path.join(dir, 'census.parquet');
    const made = await runCli(['census', '--employees', '50', '--seed', '3', '--out', file]);
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stderr).toContain('census of 50 employees');
    expect((await readFile(file)).subarray(0, 4).toString(), 'parquet magic').toBe('PAR1');
    const again = await runCli(['census', '--employees', '50', '--out', file]);
    expect(again.exitCode, 'existing file').toBe(2);
    expect(again.stderr).toContain('already exists (add --force');
    const bad = await runCli(['census', '--employees', '0', '--out', path.join(dir, 'x.parquet')]);
    expect(bad.exitCode, 'zero employees').toBe(2);
    expect(bad.stderr.trim()).toBe('threadgate: error: --employees: expected an integer from 1 to 10000000, got 0');
  });
});

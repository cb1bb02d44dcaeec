// A seeded census in PlanAlign's input schema (dbt/models/staging/stg_census_data.sql), written as
// parquet. PlanAlign's own generators draw from secrets.SystemRandom(), so no two of their censuses are
// the same; this one is a pure function of (employees, seed, start year), so a workload is reproducible.
// The people are the reference orchestrator's census (same draws, same ids): a matrix of the built-in
// orchestrator and one of PlanAlign at the same size and seed start from the same workforce.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { replaceFileAtomically } from '../core/atomic-write.js';
import { InputError } from '../core/errors.js';
import { MATRIX_LIMITS } from '../matrix/limits.js';
import { censusModel } from '../orchestrator/models-foundation.js';
import { DEFAULT_PLAN_DESIGN_ID } from '../orchestrator/simulation-context.js';
import { quoteLiteral } from '../orchestrator/sql-fragments.js';

/** What a census is made of. */
export interface CensusSpec {
  readonly employees: number;
  readonly seed: number;
  /** First simulation year; the census is as of the last day of the year before. */
  readonly startYear: number;
}

/** IRS 401(a)(17) compensation limit for 2024, which caps plan compensation. */
const COMPENSATION_LIMIT_2024 = 345_000;

/**
 * PlanAlign's census columns from the reference census `stg_census_data`: the required ones
 * (employee_id … active) and the optional DC-plan ones the reference census can say honestly
 * (capped compensation, deferral rate, the employee's own pre-tax contribution, eligibility entry).
 */
function planalignColumnsSql(): string {
  const capped = `CAST(least(employee_gross_compensation, ${COMPENSATION_LIMIT_2024}) AS DECIMAL(12,2))`;
  const contribution = `CAST(round(least(employee_gross_compensation, ${COMPENSATION_LIMIT_2024}) * employee_deferral_rate, 2) AS DECIMAL(12,2))`;
  return `SELECT employee_id, employee_ssn, employee_birth_date, employee_hire_date,
      CAST(NULL AS DATE) AS employee_termination_date,
      CAST(employee_gross_compensation AS DECIMAL(12,2)) AS employee_gross_compensation,
      active,
      ${capped} AS employee_capped_compensation,
      CAST(employee_deferral_rate AS DECIMAL(7,5)) AS employee_deferral_rate,
      ${contribution} AS employee_contribution,
      ${contribution} AS pre_tax_contribution,
      CAST(0 AS DECIMAL(12,2)) AS roth_contribution,
      CAST(0 AS DECIMAL(12,2)) AS after_tax_contribution,
      CAST(0 AS DECIMAL(12,2)) AS employer_core_contribution,
      CAST(0 AS DECIMAL(12,2)) AS employer_match_contribution,
      CAST(employee_hire_date + 30 AS DATE) AS eligibility_entry_date
    FROM stg_census_data ORDER BY employee_id`;
}

/** Checks a census spec; throws InputError naming the flag or key `where`. */
export function validateCensusSpec(
  spec: CensusSpec,
  where: { employees: string; seed: string; startYear: string },
): void {
  if (!Number.isInteger(spec.employees) || spec.employees < 1 || spec.employees > MATRIX_LIMITS.employees) {
    throw new InputError(
      `${where.employees}: expected an integer from 1 to ${MATRIX_LIMITS.employees}, got ${spec.employees}`,
    );
  }
  if (!Number.isSafeInteger(spec.seed)) throw new InputError(`${where.seed}: expected an integer, got ${spec.seed}`);
  if (!Number.isInteger(spec.startYear) || spec.startYear < 1900 || spec.startYear > 2200) {
    throw new InputError(`${where.startYear}: expected a year from 1900 to 2200, got ${spec.startYear}`);
  }
}

/**
 * Writes the census to `file` (parquet) through a temporary file renamed into place, so a reader
 * never sees half a census. Returns the number of employees written.
 */
export async function writePlanalignCensus(spec: CensusSpec, file: string): Promise<number> {
  const target = path.resolve(file);
  const folder = await stat(path.dirname(target)).catch(() => null);
  if (!folder?.isDirectory()) throw new InputError(`census ${file}: folder ${path.dirname(target)} does not exist`);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const context = {
      seed: spec.seed,
      scenarioId: 'default',
      planDesignId: DEFAULT_PLAN_DESIGN_ID,
      startYear: spec.startYear,
      endYear: spec.startYear,
      employees: spec.employees,
    };
    for (const statement of censusModel(context).statements) await connection.run(statement);
    await replaceFileAtomically(target, (temporary) =>
      connection
        .run(`COPY (${planalignColumnsSql()}) TO ${quoteLiteral(temporary)} (FORMAT parquet)`)
        .then(() => undefined),
    );
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`census ${file}: cannot be written (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return spec.employees;
}

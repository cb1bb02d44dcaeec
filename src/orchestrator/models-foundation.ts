// Foundation models: the seeded synthetic census, the baseline workforce, each year's starting
// workforce, the three hazard tables and workforce needs (PlanAlign's FOUNDATION stage).
import type { Model } from './model-types.js';
import type { SimulationContext } from './simulation-context.js';
import {
  ageBandSql,
  dateSql,
  md5DrawSql,
  tenureBandSql,
  tenureSql,
  uniformPartSql,
  yearsBetweenSql,
} from './sql-fragments.js';

/** Compensation base by level 1–5; each employee gets 85–115 % of it. */
export const LEVEL_BASE_COMPENSATION = [55_000, 75_000, 100_000, 140_000, 200_000] as const;

/** Deferral rates an enrolling employee picks from (uniformly, by hash). */
export const DEFERRAL_RATE_CHOICES = '[0.03, 0.04, 0.05, 0.06, 0.08, 0.10]';

/** SQL for the base compensation of a level column. */
export function levelBaseSql(level: string): string {
  const arms = LEVEL_BASE_COMPENSATION.map((base, index) => `WHEN ${level} = ${index + 1} THEN ${base}.0`).join(' ');
  return `(CASE ${arms} END)`;
}

/** SQL picking a deferral rate (DECIMAL(5,4)) from a uniform draw. */
export function deferralChoiceSql(uniform: string): string {
  return `CAST((${DEFERRAL_RATE_CHOICES})[1 + CAST(floor(${uniform} * 6) AS INTEGER)] AS DECIMAL(5,4))`;
}

/** stg_census_data: a seeded census of `employees` people as of the day before the start year. */
export function censusModel(ctx: SimulationContext): Model {
  const censusDate = dateSql(ctx.startYear - 1, 12, 31);
  // Seven draws from two md5 calls per employee (four 32-bit words each).
  const draw = (salt: string): string => md5DrawSql(ctx.seed, ['employee_id', "'census'", `'${salt}'`]);
  const words: Record<string, [string, number]> = {
    age: ['h1', 0],
    birthday: ['h1', 1],
    tenure: ['h1', 2],
    level: ['h1', 3],
    compensation: ['h2', 0],
    enrolled: ['h2', 1],
    deferral: ['h2', 2],
  };
  const u = (salt: string): string => uniformPartSql(words[salt]![0], words[salt]![1]);
  return {
    name: 'stg_census_data',
    modelClass: 'PARALLEL_SAFE',
    dependsOn: [],
    statements: [
      `CREATE OR REPLACE TABLE stg_census_data AS
      WITH ids AS (
        SELECT n, 'EMP_' || lpad(CAST(n AS VARCHAR), 7, '0') AS employee_id FROM range(1, ${ctx.employees + 1}) t(n)
      ), hashed AS (
        SELECT n, employee_id, ${draw('a')} AS h1, ${draw('b')} AS h2 FROM ids
      ), draws AS (
        SELECT n, employee_id, CAST(22 + floor(${u('age')} * 43) AS INTEGER) AS age_years,
          ${u('birthday')} AS u_birthday, ${u('tenure')} AS u_tenure, ${u('level')} AS u_level,
          ${u('compensation')} AS u_comp, ${u('enrolled')} AS u_enrolled, ${u('deferral')} AS u_deferral
        FROM hashed
      ), shaped AS (
        SELECT *,
          CASE WHEN u_level < 0.40 THEN 1 WHEN u_level < 0.70 THEN 2 WHEN u_level < 0.87 THEN 3
               WHEN u_level < 0.96 THEN 4 ELSE 5 END AS level_id,
          ${censusDate} - CAST(floor(u_tenure * least(age_years - 18, 35) * 365.25) AS INTEGER) AS hire_date
        FROM draws
      )
      SELECT employee_id,
        'SSN-' || lpad(CAST(n AS VARCHAR), 9, '0') AS employee_ssn,
        ${censusDate} - CAST(age_years * 365 + floor(u_birthday * 365) AS INTEGER) AS employee_birth_date,
        hire_date AS employee_hire_date,
        CAST(level_id AS INTEGER) AS level_id,
        round(${levelBaseSql('level_id')} * (0.85 + 0.30 * u_comp), 2) AS employee_gross_compensation,
        CASE WHEN u_enrolled < 0.60 THEN ${deferralChoiceSql('u_deferral')} ELSE CAST(0 AS DECIMAL(5,4)) END
          AS employee_deferral_rate,
        CASE WHEN u_enrolled < 0.60 THEN least(hire_date + 30, ${censusDate}) END AS employee_enrollment_date,
        TRUE AS active
      FROM shaped`,
    ],
  };
}

/** int_baseline_workforce: the census shaped as the start year's workforce. */
export function baselineModel(ctx: SimulationContext): Model {
  return {
    name: 'int_baseline_workforce',
    modelClass: 'PARALLEL_SAFE',
    dependsOn: ['stg_census_data'],
    statements: [
      `CREATE OR REPLACE TABLE int_baseline_workforce AS
      SELECT employee_id, employee_ssn, employee_birth_date, employee_hire_date,
        employee_gross_compensation AS current_compensation, level_id,
        employee_deferral_rate > 0 AS is_enrolled_flag, employee_deferral_rate AS current_deferral_rate,
        employee_enrollment_date AS enrollment_date, 'active' AS employment_status,
        ${ctx.startYear} AS simulation_year
      FROM stg_census_data WHERE active`,
    ],
  };
}

/** int_workforce_start: who is employed on 1 January (the previous year's active snapshot). */
export function workforceStartModel(ctx: SimulationContext, year: number): Model {
  const columns =
    'employee_id, employee_ssn, employee_birth_date, employee_hire_date, current_compensation, level_id, is_enrolled_flag, current_deferral_rate, enrollment_date';
  const source =
    year === ctx.startYear
      ? `SELECT ${columns} FROM int_baseline_workforce`
      : `SELECT ${columns} FROM fct_workforce_snapshot_${year - 1}_s{shard} WHERE employment_status = 'active'`; // {shard}: sharding.ts
  const yearEnd = dateSql(year, 12, 31);
  return {
    name: 'int_workforce_start',
    modelClass: 'SEQUENTIAL',
    dependsOn: year === ctx.startYear ? ['int_baseline_workforce'] : [],
    statements: [
      `CREATE OR REPLACE TABLE int_workforce_start AS
      WITH base AS (${source})
      SELECT base.*, ${year} AS simulation_year,
        ${yearsBetweenSql('employee_birth_date', yearEnd)} AS current_age,
        ${tenureSql('employee_hire_date', yearEnd)} AS current_tenure,
        ${ageBandSql(yearsBetweenSql('employee_birth_date', yearEnd))} AS age_band,
        ${tenureBandSql(tenureSql('employee_hire_date', yearEnd))} AS tenure_band
      FROM base`,
    ],
  };
}

const LEVELS = (m: readonly number[]): string => m.map((x, i) => `(${i + 1}, ${x})`).join(', ');
const AGE_BANDS = (m: readonly number[]): string =>
  ['< 25', '25-34', '35-44', '45-54', '55-64', '65+'].map((b, i) => `('${b}', ${m[i]})`).join(', ');
const TENURE_BANDS = (m: readonly number[]): string =>
  ['< 2', '2-4', '5-9', '10-19', '20+'].map((b, i) => `('${b}', ${m[i]})`).join(', ');

function hazardSql(
  table: string,
  rateColumn: string,
  year: number,
  base: string,
  level: number[],
  age: number[],
  tenure: number[],
): string {
  return `CREATE OR REPLACE TABLE ${table} AS
    SELECT ${year} AS simulation_year, CAST(l.level_id AS INTEGER) AS level_id, a.age_band, t.tenure_band,
      ${base} * l.m * a.m * t.m AS ${rateColumn}
    FROM (VALUES ${LEVELS(level)}) l(level_id, m)
    CROSS JOIN (VALUES ${AGE_BANDS(age)}) a(age_band, m)
    CROSS JOIN (VALUES ${TENURE_BANDS(tenure)}) t(tenure_band, m)`;
}

/** The three hazard tables (PARALLEL_SAFE in PlanAlign): rates by level, age band and tenure band. */
export function hazardModels(ctx: SimulationContext, year: number): Model[] {
  const cola = (0.005 + 0.002 * ((year - ctx.startYear) % 3)).toFixed(3);
  return [
    {
      name: 'int_hazard_termination',
      modelClass: 'PARALLEL_SAFE',
      dependsOn: [],
      statements: [
        hazardSql(
          'int_hazard_termination',
          'termination_rate',
          year,
          '0.12',
          [1.1, 1.0, 0.9, 0.8, 0.7],
          [1.6, 1.2, 0.9, 0.8, 1.0, 1.5],
          [1.8, 1.2, 0.8, 0.6, 0.5],
        ),
      ],
    },
    {
      name: 'int_hazard_promotion',
      modelClass: 'PARALLEL_SAFE',
      dependsOn: [],
      statements: [
        hazardSql(
          'int_hazard_promotion',
          'promotion_rate',
          year,
          '0.10',
          [0.9, 0.8, 0.6, 0.4, 0.0],
          [1.4, 1.3, 1.0, 0.7, 0.4, 0.2],
          [0.5, 1.2, 1.0, 0.8, 0.6],
        ),
      ],
    },
    {
      name: 'int_hazard_merit',
      modelClass: 'PARALLEL_SAFE',
      dependsOn: [],
      statements: [
        hazardSql(
          'int_hazard_merit',
          'merit_rate',
          year,
          `(0.03 + ${cola})`,
          [1.0, 1.05, 1.1, 1.15, 1.2],
          [1.1, 1.05, 1.0, 0.95, 0.9, 0.85],
          [1.1, 1.05, 1.0, 0.95, 0.9],
        ),
      ],
    },
  ];
}

/** int_workforce_needs: experienced terminations to expect and hires to make for 3 % growth. */
export function workforceNeedsModel(year: number): Model {
  return {
    name: 'int_workforce_needs',
    modelClass: 'PARALLEL_SAFE',
    dependsOn: ['int_workforce_start'],
    statements: [
      `CREATE OR REPLACE TABLE int_workforce_needs AS
      WITH s AS (SELECT count(*) AS starting_workforce FROM int_workforce_start),
      r AS (
        SELECT starting_workforce,
          CAST(round(starting_workforce * 0.12) AS BIGINT) AS expected_experienced_terminations,
          CAST(round(starting_workforce * 1.03) AS BIGINT) AS target_ending_workforce
        FROM s
      ), h AS (
        SELECT *, greatest(target_ending_workforce - (starting_workforce - expected_experienced_terminations), 0) AS net_hires_needed
        FROM r
      )
      SELECT ${year} AS simulation_year, starting_workforce, expected_experienced_terminations, target_ending_workforce,
        net_hires_needed, CAST(ceil(net_hires_needed / 0.75) AS BIGINT) AS total_hires_needed,
        0.25 AS new_hire_termination_rate,
        CAST(round(CAST(ceil(net_hires_needed / 0.75) AS BIGINT) * 0.25) AS BIGINT) AS expected_new_hire_terminations
      FROM h`,
    ],
  };
}

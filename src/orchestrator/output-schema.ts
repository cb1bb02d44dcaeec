// DDL of the tables that accumulate across years, with PlanAlign's column names and types.
// They are created once, before the first year, so every year appends to the same shape.

/** The accumulating output tables: fct_yearly_events, fct_workforce_snapshot, enrollment state. */
export const OUTPUT_TABLE_DDL: readonly string[] = [
  `CREATE TABLE fct_yearly_events (
    event_id VARCHAR NOT NULL,
    scenario_id VARCHAR NOT NULL,
    plan_design_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    employee_ssn VARCHAR,
    event_type VARCHAR NOT NULL,
    simulation_year INTEGER NOT NULL,
    effective_date TIMESTAMP NOT NULL,
    event_details VARCHAR,
    compensation_amount DOUBLE,
    previous_compensation DOUBLE,
    employee_deferral_rate DECIMAL(5,4),
    prev_employee_deferral_rate DECIMAL(5,4),
    employee_age BIGINT,
    employee_tenure DECIMAL(12,2),
    level_id INTEGER,
    age_band VARCHAR,
    tenure_band VARCHAR,
    event_probability DOUBLE,
    event_category VARCHAR,
    event_sequence BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    parameter_scenario_id VARCHAR,
    parameter_source VARCHAR,
    data_quality_flag VARCHAR
  )`,
  `CREATE TABLE int_enrollment_state_accumulator (
    employee_id VARCHAR NOT NULL,
    simulation_year INTEGER NOT NULL,
    is_enrolled_flag BOOLEAN NOT NULL,
    current_deferral_rate DECIMAL(5,4) NOT NULL,
    enrollment_date DATE,
    enrollment_events_this_year BIGINT NOT NULL
  )`,
  `CREATE TABLE fct_workforce_snapshot (
    employee_id VARCHAR NOT NULL,
    employee_ssn VARCHAR,
    employee_birth_date DATE,
    employee_hire_date DATE,
    current_compensation DOUBLE,
    prorated_annual_compensation DOUBLE,
    full_year_equivalent_compensation DOUBLE,
    current_age BIGINT,
    current_tenure DECIMAL(12,2),
    level_id INTEGER,
    age_band VARCHAR,
    tenure_band VARCHAR,
    employment_status VARCHAR NOT NULL,
    termination_date DATE,
    termination_reason VARCHAR,
    detailed_status_code VARCHAR,
    simulation_year INTEGER NOT NULL,
    is_eligible BOOLEAN,
    eligibility_date DATE,
    is_enrolled_flag BOOLEAN,
    enrollment_date DATE,
    current_deferral_rate DECIMAL(5,4),
    prorated_annual_contributions DOUBLE,
    employer_match_amount DOUBLE,
    employer_core_amount DOUBLE,
    snapshot_created_at TIMESTAMPTZ NOT NULL
  )`,
];

/**
 * PlanAlign's DDL of output table `output`, creating `header` instead (e.g. `CREATE TABLE out.x`
 * or `CREATE OR REPLACE TABLE staging`): the same columns, types and NOT NULL constraints.
 */
export function outputTableDdl(output: string, header: string): string {
  const ddl = OUTPUT_TABLE_DDL.find((d) => d.startsWith(`CREATE TABLE ${output} (`));
  if (ddl === undefined) throw new Error(`no DDL for ${output}`);
  return ddl.replace(`CREATE TABLE ${output} (`, `${header} (`);
}

/** Tables whose row counts the summary reports. */
export const SUMMARY_TABLES: readonly string[] = [
  'stg_census_data',
  'fct_yearly_events',
  'fct_workforce_snapshot',
  'int_enrollment_state_accumulator',
];

// State models (PlanAlign's STATE_ACCUMULATION stage): per-shard staging of fct_yearly_events and
// fct_workforce_snapshot (CONDITIONAL, like PlanAlign's intermediate snapshot models), the
// enrollment state accumulator (SEQUENTIAL) and the SEQUENTIAL publishes that append each year's
// rows to the output tables; next year's int_workforce_start reads this year's staged snapshot.
import type { Model } from './model-types.js';
import { EVENT_PRIORITY, type SimulationContext } from './simulation-context.js';
import { outputTableDdl } from './output-schema.js';
import { SHARD_IDS, shardName } from './sharding.js';
import { ageBandSql, dateSql, quoteLiteral, tenureBandSql, tenureSql, yearsBetweenSql } from './sql-fragments.js';

/** DDL of a per-shard staging table shaped exactly like one of the output tables. */
function stagingDdl(output: string, staging: string): string {
  return outputTableDdl(output, `CREATE OR REPLACE TABLE ${staging}`);
}

/**
 * A SEQUENTIAL publish: the year's staged shards become the output table's rows for the year by a
 * rename (no copy); the output writer appends them to the output table in the file (output-writer.ts).
 */
function publishModel(output: string, staging: string, year: number, dependsOn: readonly string[] = []): Model {
  return {
    name: output,
    modelClass: 'SEQUENTIAL',
    dependsOn: [staging, ...dependsOn],
    statements: SHARD_IDS.map(
      (k) => `ALTER TABLE ${shardName(staging, k)} RENAME TO ${publishedName(output, year, k)}`,
    ),
  };
}

/** The table holding shard `k` of an output table's rows for `year`. */
export function publishedName(output: string, year: number, k: number): string {
  return `${output}_${year}_s${k}`;
}

/** The event models whose rows fct_yearly_events stacks. */
export const EVENT_TABLES = [
  'int_termination_events',
  'int_new_hire_termination_events',
  'int_hiring_events',
  'int_promotion_events',
  'int_merit_events',
  'int_eligibility_events',
  'int_enrollment_events',
] as const;

const EVENT_COLUMNS = [
  'event_id',
  'employee_id',
  'employee_ssn',
  'event_type',
  'simulation_year',
  'effective_date',
  'event_details',
  'compensation_amount',
  'previous_compensation',
  'employee_deferral_rate',
  'prev_employee_deferral_rate',
  'employee_age',
  'employee_tenure',
  'level_id',
  'age_band',
  'tenure_band',
  'event_probability',
  'event_category',
].join(', ');

function prioritySql(): string {
  const arms = Object.entries(EVENT_PRIORITY)
    .map(([type, rank]) => `WHEN '${type}' THEN ${rank}`)
    .join(' ');
  return `CASE event_type ${arms} ELSE 99 END`;
}

/**
 * int_yearly_events (staging, per employee shard): every event of the year, sequenced per employee
 * by a total order; fct_yearly_events (SEQUENTIAL) then publishes it.
 */
export function yearlyEventsModels(ctx: SimulationContext, year: number): Model[] {
  const stacked = EVENT_TABLES.map((t) => `SELECT ${EVENT_COLUMNS} FROM ${t}`).join(' UNION ALL ');
  const staging: Model = {
    name: 'int_yearly_events',
    modelClass: 'CONDITIONAL',
    dependsOn: [...EVENT_TABLES],
    statements: [
      stagingDdl('fct_yearly_events', 'int_yearly_events'),
      `INSERT INTO int_yearly_events
      SELECT event_id, ${quoteLiteral(ctx.scenarioId)}, ${quoteLiteral(ctx.planDesignId)}, employee_id, employee_ssn,
        event_type, simulation_year, effective_date, event_details, compensation_amount, previous_compensation,
        employee_deferral_rate, prev_employee_deferral_rate, employee_age, employee_tenure, level_id, age_band,
        tenure_band, event_probability, event_category,
        row_number() OVER (PARTITION BY employee_id ORDER BY effective_date, ${prioritySql()}, event_type, event_id),
        now(), ${quoteLiteral(ctx.scenarioId)}, 'threadgate-reference', 'VALID'
      FROM (${stacked}) AS all_events`,
    ],
  };
  return [staging, publishModel('fct_yearly_events', 'int_yearly_events', year)];
}

/** int_enrollment_state (per shard) and its publish int_enrollment_state_accumulator: enrollment and deferral rate at year end. */
export function enrollmentAccumulatorModels(year: number): Model[] {
  const state: Model = {
    name: 'int_enrollment_state',
    modelClass: 'SEQUENTIAL',
    dependsOn: ['int_yearly_events', 'int_workforce_start', 'int_hiring_events'],
    statements: [
      stagingDdl('int_enrollment_state_accumulator', 'int_enrollment_state'),
      `INSERT INTO int_enrollment_state
      SELECT p.employee_id, ${year}, p.is_enrolled_flag OR e.employee_id IS NOT NULL,
        coalesce(e.last_rate, p.current_deferral_rate), coalesce(p.enrollment_date, e.first_enrollment_date),
        coalesce(e.events, 0)
      FROM (
        SELECT employee_id, is_enrolled_flag, current_deferral_rate, enrollment_date FROM int_workforce_start
        UNION ALL
        SELECT employee_id, FALSE, CAST(0 AS DECIMAL(5,4)), CAST(NULL AS DATE) FROM int_hiring_events
      ) p LEFT JOIN (
        SELECT employee_id, arg_max(employee_deferral_rate, event_sequence) AS last_rate,
          min(CAST(effective_date AS DATE)) FILTER (WHERE event_type = 'enrollment') AS first_enrollment_date,
          count(*) AS events
        FROM int_yearly_events
        WHERE event_type IN ('enrollment', 'enrollment_change')
        GROUP BY employee_id
      ) e ON e.employee_id = p.employee_id`,
    ],
  };
  return [state, publishModel('int_enrollment_state_accumulator', 'int_enrollment_state', year)];
}

/**
 * int_workforce_snapshot (staging, per shard; next year's int_workforce_start reads it) and its
 * publish fct_workforce_snapshot: one row per employee who worked in the year, as of 31 December.
 */
export function workforceSnapshotModels(year: number): Model[] {
  const jan1 = dateSql(year, 1, 1);
  const dec31 = dateSql(year, 12, 31);
  const daysInYear = `(date_diff('day', ${jan1}, ${dec31}) + 1)`;
  const asOf = `coalesce(ev.termination_date, ${dec31})`;
  const prorated = `round(coalesce(ev.final_compensation, p.start_compensation)
    * (date_diff('day', greatest(p.employee_hire_date, ${jan1}), ${asOf}) + 1) / ${daysInYear}, 2)`;
  const eligibilityDate = `greatest(p.employee_hire_date + 365, CAST(p.employee_birth_date + INTERVAL 21 YEAR AS DATE))`;
  const staging: Model = {
    name: 'int_workforce_snapshot',
    modelClass: 'CONDITIONAL',
    dependsOn: ['int_yearly_events', 'int_enrollment_state', 'int_workforce_start', 'int_hiring_events'],
    statements: [
      stagingDdl('fct_workforce_snapshot', 'int_workforce_snapshot'),
      `INSERT INTO int_workforce_snapshot
      SELECT p.employee_id, p.employee_ssn, p.employee_birth_date, p.employee_hire_date,
        coalesce(ev.final_compensation, p.start_compensation),
        ${prorated},
        coalesce(ev.final_compensation, p.start_compensation),
        ${yearsBetweenSql('p.employee_birth_date', asOf)},
        ${tenureSql('p.employee_hire_date', asOf)},
        coalesce(ev.promoted_level, p.start_level),
        ${ageBandSql(yearsBetweenSql('p.employee_birth_date', asOf))},
        ${tenureBandSql(tenureSql('p.employee_hire_date', asOf))},
        CASE WHEN ev.termination_date IS NULL THEN 'active' ELSE 'terminated' END,
        ev.termination_date, ev.termination_reason,
        CASE WHEN p.is_new_hire AND ev.termination_date IS NOT NULL THEN 'new_hire_termination'
             WHEN p.is_new_hire THEN 'new_hire_active'
             WHEN ev.termination_date IS NOT NULL THEN 'experienced_termination'
             ELSE 'continuous_active' END,
        ${year},
        ${eligibilityDate} <= ${dec31}, ${eligibilityDate},
        a.is_enrolled_flag, a.enrollment_date, a.current_deferral_rate,
        CASE WHEN a.is_enrolled_flag THEN round(${prorated} * CAST(a.current_deferral_rate AS DOUBLE), 2) ELSE 0 END,
        CASE WHEN a.is_enrolled_flag THEN round(${prorated} * least(CAST(a.current_deferral_rate AS DOUBLE), 0.06) * 0.5, 2) ELSE 0 END,
        CASE WHEN ${eligibilityDate} <= ${dec31} THEN round(${prorated} * 0.02, 2) ELSE 0 END,
        now()
      FROM (
        SELECT employee_id, employee_ssn, employee_birth_date, employee_hire_date, current_compensation AS start_compensation,
          level_id AS start_level, FALSE AS is_new_hire FROM int_workforce_start
        UNION ALL
        SELECT employee_id, employee_ssn, employee_birth_date, employee_hire_date, compensation_amount, level_id, TRUE
        FROM int_hiring_events
      ) p
      LEFT JOIN (
        SELECT employee_id,
          arg_max(compensation_amount, event_sequence) FILTER (WHERE event_type IN ('promotion', 'raise')) AS final_compensation,
          max(level_id) FILTER (WHERE event_type = 'promotion') AS promoted_level,
          min(CAST(effective_date AS DATE)) FILTER (WHERE event_type = 'termination') AS termination_date,
          arg_min(event_category, event_sequence) FILTER (WHERE event_type = 'termination') AS termination_reason
        FROM int_yearly_events GROUP BY employee_id
      ) ev ON ev.employee_id = p.employee_id
      LEFT JOIN int_enrollment_state a ON a.employee_id = p.employee_id`,
    ],
  };
  return [staging, publishModel('fct_workforce_snapshot', 'int_workforce_snapshot', year)];
}

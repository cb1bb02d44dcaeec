// State models (PlanAlign's STATE_ACCUMULATION stage, all SEQUENTIAL): fct_yearly_events, the
// enrollment state accumulator and fct_workforce_snapshot. Each replaces its year's rows, so a
// year can be rerun, and each year reads the previous year's snapshot through int_workforce_start.
import type { Model } from './model-types.js';
import { EVENT_PRIORITY, type SimulationContext } from './simulation-context.js';
import { ageBandSql, dateSql, quoteLiteral, tenureBandSql, tenureSql, yearsBetweenSql } from './sql-fragments.js';

/** The event models whose rows fct_yearly_events stacks. */
export const EVENT_TABLES = [
  'int_termination_events', 'int_new_hire_termination_events', 'int_hiring_events', 'int_promotion_events',
  'int_merit_events', 'int_eligibility_events', 'int_enrollment_events',
] as const;

const EVENT_COLUMNS = [
  'event_id', 'employee_id', 'employee_ssn', 'event_type', 'simulation_year', 'effective_date', 'event_details',
  'compensation_amount', 'previous_compensation', 'employee_deferral_rate', 'prev_employee_deferral_rate',
  'employee_age', 'employee_tenure', 'level_id', 'age_band', 'tenure_band', 'event_probability', 'event_category',
].join(', ');

function prioritySql(): string {
  const arms = Object.entries(EVENT_PRIORITY).map(([type, rank]) => `WHEN '${type}' THEN ${rank}`).join(' ');
  return `CASE event_type ${arms} ELSE 99 END`;
}

/** fct_yearly_events: every event of the year, sequenced per employee by a total order. */
export function yearlyEventsModel(ctx: SimulationContext, year: number): Model {
  const stacked = EVENT_TABLES.map((t) => `SELECT ${EVENT_COLUMNS} FROM ${t}`).join(' UNION ALL ');
  return {
    name: 'fct_yearly_events', modelClass: 'SEQUENTIAL', dependsOn: [...EVENT_TABLES],
    statements: [
      `DELETE FROM fct_yearly_events WHERE simulation_year = ${year}`,
      `INSERT INTO fct_yearly_events
      SELECT event_id, ${quoteLiteral(ctx.scenarioId)}, ${quoteLiteral(ctx.planDesignId)}, employee_id, employee_ssn,
        event_type, simulation_year, effective_date, event_details, compensation_amount, previous_compensation,
        employee_deferral_rate, prev_employee_deferral_rate, employee_age, employee_tenure, level_id, age_band,
        tenure_band, event_probability, event_category,
        row_number() OVER (PARTITION BY employee_id ORDER BY effective_date, ${prioritySql()}, event_type, event_id),
        now(), ${quoteLiteral(ctx.scenarioId)}, 'threadgate-reference', 'VALID'
      FROM (${stacked}) AS all_events`,
    ],
  };
}

/** int_enrollment_state_accumulator: enrollment and deferral rate at the end of the year. */
export function enrollmentAccumulatorModel(year: number): Model {
  return {
    name: 'int_enrollment_state_accumulator', modelClass: 'SEQUENTIAL',
    dependsOn: ['fct_yearly_events', 'int_workforce_start', 'int_hiring_events'],
    statements: [
      `DELETE FROM int_enrollment_state_accumulator WHERE simulation_year = ${year}`,
      `INSERT INTO int_enrollment_state_accumulator
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
        FROM fct_yearly_events
        WHERE simulation_year = ${year} AND event_type IN ('enrollment', 'enrollment_change')
        GROUP BY employee_id
      ) e ON e.employee_id = p.employee_id`,
    ],
  };
}

/** fct_workforce_snapshot: one row per employee who worked in the year, as of 31 December. */
export function workforceSnapshotModel(year: number): Model {
  const jan1 = dateSql(year, 1, 1);
  const dec31 = dateSql(year, 12, 31);
  const daysInYear = `(date_diff('day', ${jan1}, ${dec31}) + 1)`;
  const asOf = `coalesce(ev.termination_date, ${dec31})`;
  const prorated = `round(coalesce(ev.final_compensation, p.start_compensation)
    * (date_diff('day', greatest(p.employee_hire_date, ${jan1}), ${asOf}) + 1) / ${daysInYear}, 2)`;
  const eligibilityDate = `greatest(p.employee_hire_date + 365, CAST(p.employee_birth_date + INTERVAL 21 YEAR AS DATE))`;
  return {
    name: 'fct_workforce_snapshot', modelClass: 'SEQUENTIAL',
    dependsOn: ['fct_yearly_events', 'int_enrollment_state_accumulator', 'int_workforce_start', 'int_hiring_events'],
    statements: [
      `DELETE FROM fct_workforce_snapshot WHERE simulation_year = ${year}`,
      `INSERT INTO fct_workforce_snapshot
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
        FROM fct_yearly_events WHERE simulation_year = ${year} GROUP BY employee_id
      ) ev ON ev.employee_id = p.employee_id
      LEFT JOIN int_enrollment_state_accumulator a ON a.employee_id = p.employee_id AND a.simulation_year = ${year}`,
    ],
  };
}

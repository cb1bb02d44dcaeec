// Event-generation models (PlanAlign's EVENT_GENERATION stage): terminations, hires, new-hire
// terminations, promotions, merit raises, eligibility and enrollment. Each writes the same event
// columns, and computes its own event_id, so fct_yearly_events only has to stack and sequence them.
import type { Model } from './model-types.js';
import type { SimulationContext } from './simulation-context.js';
import { deferralChoiceSql, levelBaseSql } from './models-foundation.js';
import { ageBandSql, dateSql, quoteLiteral, uniformSql } from './sql-fragments.js';

/** The event columns every event model produces, with their expressions over its FROM clause. */
type EventFields = Record<
  | 'employee_id'
  | 'employee_ssn'
  | 'event_type'
  | 'effective_date'
  | 'event_details'
  | 'compensation_amount'
  | 'previous_compensation'
  | 'employee_deferral_rate'
  | 'prev_employee_deferral_rate'
  | 'employee_age'
  | 'employee_tenure'
  | 'level_id'
  | 'age_band'
  | 'tenure_band'
  | 'event_probability'
  | 'event_category',
  string
>;

/** Wraps an event projection with typed columns and PlanAlign's event_id. */
function eventSelectSql(ctx: SimulationContext, year: number, f: EventFields, from: string): string {
  const idKey = [
    quoteLiteral(ctx.scenarioId),
    quoteLiteral(ctx.planDesignId),
    'employee_id',
    String(year),
    'event_type',
    'CAST(effective_date AS VARCHAR)',
    "coalesce(CAST(compensation_amount AS VARCHAR), '')",
  ].join(", '|', ");
  return `SELECT *, 'EVT_' || substr(md5(concat(${idKey})), 1, 24) AS event_id FROM (
    SELECT CAST(${f.employee_id} AS VARCHAR) AS employee_id, CAST(${f.employee_ssn} AS VARCHAR) AS employee_ssn,
      CAST(${f.event_type} AS VARCHAR) AS event_type, CAST(${year} AS INTEGER) AS simulation_year,
      CAST(${f.effective_date} AS TIMESTAMP) AS effective_date, CAST(${f.event_details} AS VARCHAR) AS event_details,
      CAST(${f.compensation_amount} AS DOUBLE) AS compensation_amount,
      CAST(${f.previous_compensation} AS DOUBLE) AS previous_compensation,
      CAST(${f.employee_deferral_rate} AS DECIMAL(5,4)) AS employee_deferral_rate,
      CAST(${f.prev_employee_deferral_rate} AS DECIMAL(5,4)) AS prev_employee_deferral_rate,
      CAST(${f.employee_age} AS BIGINT) AS employee_age, CAST(${f.employee_tenure} AS DECIMAL(12,2)) AS employee_tenure,
      CAST(${f.level_id} AS INTEGER) AS level_id, CAST(${f.age_band} AS VARCHAR) AS age_band,
      CAST(${f.tenure_band} AS VARCHAR) AS tenure_band, CAST(${f.event_probability} AS DOUBLE) AS event_probability,
      CAST(${f.event_category} AS VARCHAR) AS event_category
    ${from}) AS projected`;
}

/** Attributes an event copies unchanged from a workforce row aliased `w`. */
function workforceFields(): Pick<
  EventFields,
  'employee_id' | 'employee_ssn' | 'employee_age' | 'employee_tenure' | 'age_band' | 'tenure_band'
> {
  return {
    employee_id: 'w.employee_id',
    employee_ssn: 'w.employee_ssn',
    employee_age: 'w.current_age',
    employee_tenure: 'w.current_tenure',
    age_band: 'w.age_band',
    tenure_band: 'w.tenure_band',
  };
}

const NOT_TERMINATED = 'NOT EXISTS (SELECT 1 FROM int_termination_events t WHERE t.employee_id = w.employee_id)';

/** Event models of one year, in declaration order. */
export function eventModels(ctx: SimulationContext, year: number): Model[] {
  const u = (id: string, type: string, salt: string): string =>
    uniformSql(ctx.seed, [id, String(year), `'${type}'`, `'${salt}'`]);
  const jan1 = dateSql(year, 1, 1);
  const dec31 = dateSql(year, 12, 31);
  const table = (name: string, select: string): string => `CREATE OR REPLACE TABLE ${name} AS ${select}`;
  return [
    {
      name: 'int_termination_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_workforce_start', 'int_hazard_termination', 'int_workforce_needs'],
      statements: [
        table(
          'int_termination_events',
          eventSelectSql(
            ctx,
            year,
            {
              ...workforceFields(),
              event_type: "'termination'",
              effective_date: `${jan1} + CAST(floor(${u('w.employee_id', 'termination', 'date')} * 365) AS INTEGER)`,
              event_details: "'voluntary'",
              compensation_amount: 'w.current_compensation',
              previous_compensation: 'NULL',
              employee_deferral_rate: 'w.current_deferral_rate',
              prev_employee_deferral_rate: 'NULL',
              level_id: 'w.level_id',
              event_probability: 'w.termination_rate',
              event_category: "'experienced_termination'",
            },
            `FROM (
          SELECT s.*, row_number() OVER (ORDER BY s.u_select / s.termination_rate, s.employee_id) AS termination_rank
          FROM (SELECT ws.*, h.termination_rate, ${u('ws.employee_id', 'termination', 'select')} AS u_select
                FROM int_workforce_start ws JOIN int_hazard_termination h USING (level_id, age_band, tenure_band)) s
        ) w, int_workforce_needs n WHERE w.termination_rank <= n.expected_experienced_terminations`,
          ),
        ),
      ],
    },
    {
      name: 'int_hiring_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_hiring_draws'],
      statements: [
        table(
          'int_hiring_events',
          `SELECT e.*, h.employee_birth_date, h.employee_hire_date FROM (${eventSelectSql(
            ctx,
            year,
            {
              employee_id: 'w.employee_id',
              employee_ssn: 'w.employee_ssn',
              event_type: "'hire'",
              effective_date: 'w.employee_hire_date',
              event_details: "'new_hire'",
              compensation_amount: `round(${levelBaseSql('w.level_id')} * (0.85 + 0.30 * w.u_comp), 2)`,
              previous_compensation: 'NULL',
              employee_deferral_rate: '0',
              prev_employee_deferral_rate: 'NULL',
              employee_age: 'w.age_years',
              employee_tenure: '0',
              level_id: 'w.level_id',
              age_band: ageBandSql('w.age_years'),
              tenure_band: "'< 2'",
              event_probability: 'NULL',
              event_category: "'hiring'",
            },
            `FROM int_hiring_draws w`,
          )}) e JOIN int_hiring_draws h USING (employee_id)`,
        ),
      ],
    },
    {
      name: 'int_new_hire_termination_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_hiring_events', 'int_workforce_needs'],
      statements: [
        table(
          'int_new_hire_termination_events',
          eventSelectSql(
            ctx,
            year,
            {
              employee_id: 'w.employee_id',
              employee_ssn: 'w.employee_ssn',
              event_type: "'termination'",
              effective_date: `w.employee_hire_date + CAST(floor(${u('w.employee_id', 'nh_termination', 'date')} * (date_diff('day', w.employee_hire_date, ${dec31}) + 1)) AS INTEGER)`,
              event_details: "'new_hire_termination'",
              compensation_amount: 'w.compensation_amount',
              previous_compensation: 'NULL',
              employee_deferral_rate: '0',
              prev_employee_deferral_rate: 'NULL',
              employee_age: 'w.employee_age',
              employee_tenure: '0',
              level_id: 'w.level_id',
              age_band: 'w.age_band',
              tenure_band: "'< 2'",
              event_probability: 'n.new_hire_termination_rate',
              event_category: "'new_hire_termination'",
            },
            `FROM (SELECT h.*, row_number() OVER (ORDER BY ${u('h.employee_id', 'nh_termination', 'select')}, h.employee_id) AS nh_rank
                FROM int_hiring_events h) w, int_workforce_needs n
          WHERE w.nh_rank <= n.expected_new_hire_terminations`,
          ),
        ),
      ],
    },
    {
      name: 'int_promotion_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_workforce_start', 'int_hazard_promotion', 'int_termination_events'],
      statements: [
        table(
          'int_promotion_events',
          eventSelectSql(
            ctx,
            year,
            {
              ...workforceFields(),
              event_type: "'promotion'",
              effective_date: dateSql(year, 2, 1),
              event_details: `'level ' || w.level_id || ' -> ' || (w.level_id + 1)`,
              compensation_amount: `round(w.current_compensation * (1.10 + 0.10 * ${u('w.employee_id', 'promotion', 'raise')}), 2)`,
              previous_compensation: 'w.current_compensation',
              employee_deferral_rate: 'w.current_deferral_rate',
              prev_employee_deferral_rate: 'NULL',
              level_id: 'w.level_id + 1',
              event_probability: 'h.promotion_rate',
              event_category: "'promotion'",
            },
            `FROM int_workforce_start w JOIN int_hazard_promotion h USING (level_id, age_band, tenure_band)
          WHERE w.level_id < 5 AND ${NOT_TERMINATED} AND ${u('w.employee_id', 'promotion', 'select')} < h.promotion_rate`,
          ),
        ),
      ],
    },
    {
      name: 'int_merit_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_workforce_start', 'int_hazard_merit', 'int_termination_events', 'int_promotion_events'],
      statements: [
        table(
          'int_merit_events',
          eventSelectSql(
            ctx,
            year,
            {
              ...workforceFields(),
              event_type: "'raise'",
              effective_date: dateSql(year, 7, 1),
              event_details: "'merit'",
              compensation_amount:
                'round(coalesce(p.compensation_amount, w.current_compensation) * (1 + h.merit_rate), 2)',
              previous_compensation: 'coalesce(p.compensation_amount, w.current_compensation)',
              employee_deferral_rate: 'w.current_deferral_rate',
              prev_employee_deferral_rate: 'NULL',
              level_id: 'coalesce(p.level_id, w.level_id)',
              event_probability: 'h.merit_rate',
              event_category: "'merit'",
            },
            `FROM int_workforce_start w JOIN int_hazard_merit h USING (level_id, age_band, tenure_band)
          LEFT JOIN int_promotion_events p ON p.employee_id = w.employee_id
          WHERE ${NOT_TERMINATED}`,
          ),
        ),
      ],
    },
    {
      name: 'int_eligibility_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_employee_eligibility', 'int_workforce_start'],
      statements: [
        table(
          'int_eligibility_events',
          eventSelectSql(
            ctx,
            year,
            {
              ...workforceFields(),
              event_type: "'eligibility'",
              effective_date: `greatest(e.eligibility_date, ${jan1})`,
              event_details: "'401k eligible'",
              compensation_amount: 'w.current_compensation',
              previous_compensation: 'NULL',
              employee_deferral_rate: 'w.current_deferral_rate',
              prev_employee_deferral_rate: 'NULL',
              level_id: 'w.level_id',
              event_probability: 'NULL',
              event_category: "'eligibility'",
            },
            `FROM int_workforce_start w JOIN int_employee_eligibility e USING (employee_id)
          WHERE e.eligibility_date <= ${dec31} AND (e.eligibility_date >= ${jan1} OR ${year} = ${ctx.startYear})`,
          ),
        ),
      ],
    },
    {
      name: 'int_enrollment_events',
      modelClass: 'CONDITIONAL',
      dependsOn: ['int_employee_eligibility', 'int_workforce_start', 'int_termination_events'],
      statements: [
        table(
          'int_enrollment_events',
          eventSelectSql(
            ctx,
            year,
            {
              ...workforceFields(),
              event_type: "CASE WHEN w.is_enrolled_flag THEN 'enrollment_change' ELSE 'enrollment' END",
              effective_date: `CASE WHEN w.is_enrolled_flag THEN ${jan1} + CAST(floor(${u('w.employee_id', 'enrollment', 'date')} * 365) AS INTEGER)
          ELSE least(greatest(e.eligibility_date, ${jan1}) + 30, ${dec31}) END`,
              event_details: "CASE WHEN w.is_enrolled_flag THEN 'deferral change' ELSE 'voluntary enrollment' END",
              compensation_amount: 'w.current_compensation',
              previous_compensation: 'NULL',
              employee_deferral_rate: deferralChoiceSql(u('w.employee_id', 'enrollment', 'rate')),
              prev_employee_deferral_rate: 'w.current_deferral_rate',
              level_id: 'w.level_id',
              event_probability: 'w.enrollment_probability',
              event_category: "'enrollment'",
            },
            `FROM (SELECT ws.*, CASE WHEN ws.is_enrolled_flag THEN 0.08 WHEN ws.current_age < 35 THEN 0.30
                                  WHEN ws.current_age < 50 THEN 0.40 ELSE 0.50 END AS enrollment_probability
                FROM int_workforce_start ws) w
          JOIN int_employee_eligibility e USING (employee_id)
          WHERE e.eligibility_date <= ${dec31} AND ${NOT_TERMINATED}
            AND ${u('w.employee_id', 'enrollment', 'select')} < w.enrollment_probability`,
          ),
        ),
      ],
    },
  ];
}

/** int_hiring_draws: the attributes of each hire the year needs (staging for the hire events). */
export function hiringDrawsModel(ctx: SimulationContext, year: number): Model {
  const u = (salt: string): string => uniformSql(ctx.seed, ['employee_id', String(year), "'hire'", `'${salt}'`]);
  const jan1 = dateSql(year, 1, 1);
  return {
    name: 'int_hiring_draws',
    modelClass: 'PARALLEL_SAFE',
    dependsOn: ['int_workforce_needs'],
    statements: [
      `CREATE OR REPLACE TABLE int_hiring_draws AS
      WITH ids AS (
        SELECT n, 'NH_${year}_' || lpad(CAST(n AS VARCHAR), 6, '0') AS employee_id
        FROM (SELECT unnest(range(1, total_hires_needed + 1)) AS n FROM int_workforce_needs)
      ), d AS (
        SELECT n, employee_id, ${u('level')} AS u_level, ${u('compensation')} AS u_comp,
          CAST(22 + floor(${u('age')} * 28) AS INTEGER) AS age_years, ${u('birthday')} AS u_birthday,
          ${jan1} + CAST(floor(${u('date')} * 365) AS INTEGER) AS employee_hire_date
        FROM ids
      )
      SELECT employee_id, 'SSN-NH${year}-' || lpad(CAST(n AS VARCHAR), 6, '0') AS employee_ssn, u_comp, age_years,
        CAST(CASE WHEN u_level < 0.50 THEN 1 WHEN u_level < 0.80 THEN 2 WHEN u_level < 0.93 THEN 3
                  WHEN u_level < 0.98 THEN 4 ELSE 5 END AS INTEGER) AS level_id,
        employee_hire_date,
        employee_hire_date - CAST(age_years * 365 + floor(u_birthday * 365) AS INTEGER) AS employee_birth_date
      FROM d`,
    ],
  };
}

/** int_employee_eligibility: when each employee becomes eligible (a year of service and age 21). */
export function eligibilityModel(year: number): Model {
  return {
    name: 'int_employee_eligibility',
    modelClass: 'PARALLEL_SAFE',
    dependsOn: ['int_workforce_start'],
    statements: [
      `CREATE OR REPLACE TABLE int_employee_eligibility AS
      SELECT employee_id, ${year} AS simulation_year,
        greatest(employee_hire_date + 365, CAST(employee_birth_date + INTERVAL 21 YEAR AS DATE)) AS eligibility_date
      FROM int_workforce_start`,
    ],
  };
}

// What threadgate compares of a real PlanAlign run by default, and what it leaves out and why. Read
// off two identical single-thread runs of PlanAlign 3d34aa3 compared table by table (EXCEPT ALL both
// ways, then column by column): every difference between them lay in the columns below, all written
// from the wall clock (CURRENT_TIMESTAMP) in the model SQL named beside them.
import type { TableSpec } from './types.js';

/** A column left out of the digest, with the reason a report gives for it. */
export interface ExemptColumn {
  readonly table: string;
  readonly column: string;
  readonly reason: string;
}

const WALL_CLOCK = 'wall clock: CURRENT_TIMESTAMP';

/** The columns PlanAlign fills from the wall clock in the tables threadgate digests by default. */
export const PLANALIGN_EXEMPTIONS: readonly ExemptColumn[] = [
  {
    table: 'fct_yearly_events',
    column: 'created_at',
    reason: `${WALL_CLOCK} in the event models, carried into the union`,
  },
  {
    table: 'fct_workforce_snapshot',
    column: 'snapshot_created_at',
    reason: `${WALL_CLOCK} (fct_workforce_snapshot.sql)`,
  },
  { table: 'fct_employer_match_events', column: 'created_at', reason: `${WALL_CLOCK} (fct_employer_match_events.sql)` },
  {
    table: 'int_enrollment_state_accumulator',
    column: 'created_at',
    reason: `${WALL_CLOCK} (int_enrollment_state_accumulator.sql)`,
  },
  {
    table: 'int_deferral_rate_state_accumulator',
    column: 'created_at',
    reason: `${WALL_CLOCK} (int_deferral_rate_state_accumulator.sql)`,
  },
  {
    table: 'int_employee_contributions',
    column: 'calculated_at',
    reason: `${WALL_CLOCK} (int_employee_contributions.sql)`,
  },
];

/**
 * The tables a planalign target digests when the matrix names none: the two outputs the release gate
 * is about, the employer match events, and the state accumulators and contributions that carry one
 * year into the next (where an order-dependent pick, such as ROW_NUMBER over created_at, would show
 * first). Each is split by simulation year, events also by type.
 */
export const PLANALIGN_TABLE_SPECS: Readonly<Record<string, TableSpec>> = Object.fromEntries(
  PLANALIGN_EXEMPTIONS.map(({ table, column }) => [
    table,
    {
      exempt: [column],
      groupBy: table === 'fct_yearly_events' ? ['simulation_year', 'event_type'] : ['simulation_year'],
      round: {},
    },
  ]),
);

/** Why a column is exempt, for the report: PlanAlign's known wall-clock columns, else the matrix said so. */
export function explainExemption(table: string, column: string): string {
  return PLANALIGN_EXEMPTIONS.find((e) => e.table === table && e.column === column)?.reason ?? 'exempted by the matrix';
}

// What every model needs to know about the simulation it belongs to.

/** Parameters of one simulation, fixed for the run; models are pure functions of these. */
export interface SimulationContext {
  readonly seed: number;
  readonly scenarioId: string;
  readonly planDesignId: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly employees: number;
}

/** The plan design every reference run simulates (PlanAlign names one per scenario). */
export const DEFAULT_PLAN_DESIGN_ID = 'standard_401k';

/** Event priorities PlanAlign orders events by within a day (fct_yearly_events). */
export const EVENT_PRIORITY: Readonly<Record<string, number>> = {
  termination: 1,
  hire: 2,
  eligibility: 3,
  enrollment: 4,
  enrollment_change: 5,
  deferral_match_response: 6,
  deferral_escalation: 7,
  promotion: 8,
  raise: 9,
};

// The lineage of the built-in reference orchestrator from its own declared dependencies (each
// model's dependsOn, the same declarations the engine schedules by and run_metadata records), for
// the database `simulate --keep-intermediates` leaves: the outputs, and each model's last state.
import { declareYearModels } from '../orchestrator/pipeline.js';
import type { Model } from '../orchestrator/model-types.js';
import { applyPlantedChanges, readPlantedChanges } from '../orchestrator/planted-change.js';
import { DEFAULT_PLAN_DESIGN_ID, type SimulationContext } from '../orchestrator/simulation-context.js';
import type { BuiltinTargetSpec } from '../matrix/types.js';
import type { LineageGraph, LineageNode } from './types.js';

/** Tables the output writer keeps for every year (appended), and those staged once in the start year. */
const ACCUMULATED = new Set([
  'fct_yearly_events',
  'fct_workforce_snapshot',
  'int_enrollment_state_accumulator',
  'stg_census_data',
  'int_baseline_workforce',
]);

/** Wall-clock columns of the outputs: now() in the staging models, written by position. */
const WALL_CLOCK: Readonly<Record<string, { column: string; reason: string }>> = {
  fct_yearly_events: { column: 'created_at', reason: 'wall clock: now() in int_yearly_events' },
  fct_workforce_snapshot: { column: 'snapshot_created_at', reason: 'wall clock: now() in int_workforce_snapshot' },
};

/** The run's own record, not a model's output: timings that differ on every run. */
export const BUILTIN_RUN_RECORD_TABLES: readonly string[] = ['run_metadata', 'run_settings', 'run_adjustments'];

/** The SQL as the run had it: a change planted for tests (planted-change.ts) is part of it. */
function withPlantedChanges(models: Model[], threads: number): Model[] {
  try {
    return applyPlantedChanges(models, readPlantedChanges(), threads);
  } catch {
    return models; // a plant written for sharded SQL may not match the declared SQL: the lineage stands without it
  }
}

/** The orchestrator's file declaring a model. */
function sourceFileOf(name: string): string {
  if (/^(stg_census_data|int_baseline_workforce|int_workforce_start|int_hazard_\w+|int_workforce_needs)$/.test(name))
    return 'src/orchestrator/models-foundation.ts';
  if (/^(fct_\w+|int_yearly_events|int_enrollment_state\w*|int_workforce_snapshot)$/.test(name))
    return 'src/orchestrator/models-state.ts';
  return 'src/orchestrator/models-events.ts';
}

/** `CREATE OR REPLACE TABLE name AS <select>`: the select recomputes the model from the file's relations. */
function rerunSelect(statements: readonly string[], name: string): string | undefined {
  // A model reading its own shard's tables ({shard}) has no one SELECT over the stored relations.
  if (statements.length !== 1 || statements[0]!.includes('{shard}')) return undefined;
  const match = new RegExp(String.raw`^\s*CREATE OR REPLACE TABLE ${name} AS\s+([\s\S]*)$`, 'i').exec(statements[0]!);
  return match?.[1];
}

/** The graph of a built-in run: the last year's models (the state the file keeps) and the start year's staging. */
export function readBuiltinGraph(
  spec: Pick<BuiltinTargetSpec, 'years' | 'employees' | 'seed' | 'scenarioId'>,
  threads = 1,
): LineageGraph {
  const ctx: SimulationContext = {
    seed: spec.seed,
    scenarioId: spec.scenarioId,
    planDesignId: DEFAULT_PLAN_DESIGN_ID,
    startYear: spec.years.start,
    endYear: spec.years.end,
    employees: spec.employees,
  };
  const declared = [...declareYearModels(ctx, spec.years.start), ...declareYearModels(ctx, spec.years.end)];
  const models = withPlantedChanges(declared, threads);
  const nodes: Record<string, LineageNode> = {};
  for (const model of models) {
    const known = nodes[model.name];
    const wallClock = WALL_CLOCK[model.name];
    nodes[model.name] = {
      relation: model.name,
      upstream: [...new Set([...(known?.upstream ?? []), ...model.dependsOn])].sort(),
      model: model.name,
      file: sourceFileOf(model.name),
      sql: model.statements.join(';\n'),
      ...(rerunSelect(model.statements, model.name) ? { rerunSql: rerunSelect(model.statements, model.name)! } : {}),
      overwritten: !ACCUMULATED.has(model.name) && spec.years.end > spec.years.start,
      // Each later year starts from the year before's snapshot (models-foundation.ts).
      ...(model.name === 'int_workforce_start' && spec.years.end > spec.years.start
        ? { priorUpstream: ['fct_workforce_snapshot'] }
        : {}),
      volatile: wallClock ? [wallClock] : [],
    };
  }
  return {
    source: 'builtin',
    from: "the reference orchestrator's declared dependencies",
    nodes,
    notModels: BUILTIN_RUN_RECORD_TABLES,
  };
}

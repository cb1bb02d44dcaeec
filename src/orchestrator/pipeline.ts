// The models of one simulation year in declaration order, with their dependencies: the DAG the
// engine schedules. The start year also stages the census and baseline workforce. The heavy
// per-employee models are then split into employee shards (sharding.ts), so that two threads
// have two independent pieces of work most of the year.
import type { Model } from './model-types.js';
import type { SimulationContext } from './simulation-context.js';
import {
  baselineModel,
  censusModel,
  hazardModels,
  workforceNeedsModel,
  workforceStartModel,
} from './models-foundation.js';
import { eligibilityModel, eventModels, hiringDrawsModel } from './models-events.js';
import { enrollmentAccumulatorModels, workforceSnapshotModels, yearlyEventsModels } from './models-state.js';
import { SHARD_IDS, rewriteForShard, shardName } from './sharding.js';

/** Models (and tables) computed once per employee shard. */
export const SHARDED_MODELS: readonly string[] = [
  'int_workforce_start',
  'int_employee_eligibility',
  'int_promotion_events',
  'int_merit_events',
  'int_eligibility_events',
  'int_enrollment_events',
  'int_yearly_events',
  'int_enrollment_state',
  'int_workforce_snapshot',
];

/** Whole-population tables a sharded model reads only its own employees' rows of. */
const FILTERED_TABLES: readonly string[] = [
  'int_baseline_workforce',
  'int_termination_events',
  'int_new_hire_termination_events',
  'int_hiring_events',
];

/** Builds one year's models; dependencies name models of the same year only. */
export function buildYearModels(ctx: SimulationContext, year: number): Model[] {
  const sharded = shardModels(declareYearModels(ctx, year));
  checkDependencies(sharded, year);
  return sharded;
}

/** One year's models as declared, before sharding: the lineage reads names and SQL from these. */
export function declareYearModels(ctx: SimulationContext, year: number): Model[] {
  const models: Model[] = [];
  if (year === ctx.startYear) models.push(censusModel(ctx), baselineModel(ctx));
  models.push(
    workforceStartModel(ctx, year),
    ...hazardModels(ctx, year),
    workforceNeedsModel(year),
    eligibilityModel(year),
    hiringDrawsModel(ctx, year),
    ...eventModels(ctx, year),
    ...yearlyEventsModels(ctx, year),
    ...enrollmentAccumulatorModels(year),
    ...workforceSnapshotModels(year),
  );
  return models;
}

/** SQL stacking every shard of a sharded table, in shard order. */
function unionOfShards(name: string): string {
  return `(${SHARD_IDS.map((k) => `SELECT * FROM ${shardName(name, k)}`).join(' UNION ALL ')})`;
}

/**
 * Replaces each sharded model by one model per shard (its SQL reading and writing shard tables)
 * and points every other model at the union of the shards it reads.
 */
export function shardModels(models: readonly Model[]): Model[] {
  const isSharded = (name: string): boolean => SHARDED_MODELS.includes(name);
  const pattern = new RegExp(`\\b(${SHARDED_MODELS.join('|')})\\b`, 'g');
  const out: Model[] = [];
  for (const model of models) {
    if (isSharded(model.name)) {
      for (const k of SHARD_IDS) {
        out.push({
          ...model,
          name: shardName(model.name, k),
          dependsOn: model.dependsOn.map((d) => (isSharded(d) ? shardName(d, k) : d)),
          statements: model.statements.map((sql) => rewriteForShard(sql, k, SHARDED_MODELS, FILTERED_TABLES)),
        });
      }
    } else {
      out.push({
        ...model,
        dependsOn: model.dependsOn.flatMap((d) => (isSharded(d) ? SHARD_IDS.map((k) => shardName(d, k)) : [d])),
        statements: model.statements.map((sql) => sql.replace(pattern, (name) => unionOfShards(name))),
      });
    }
  }
  return out;
}

/** Fails fast on a dependency that names no model of the year: a typo would otherwise run it early. */
function checkDependencies(models: readonly Model[], year: number): void {
  const names = new Set(models.map((m) => m.name));
  for (const model of models) {
    for (const dependency of model.dependsOn) {
      if (!names.has(dependency))
        throw new Error(`pipeline ${year}: ${model.name} depends on unknown model ${dependency}`);
    }
  }
}

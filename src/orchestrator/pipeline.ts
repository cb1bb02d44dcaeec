// The models of one simulation year in declaration order, with their dependencies: the DAG the
// engine schedules. The start year also stages the census and baseline workforce.
import type { Model } from './model-types.js';
import type { SimulationContext } from './simulation-context.js';
import { baselineModel, censusModel, hazardModels, workforceNeedsModel, workforceStartModel } from './models-foundation.js';
import { eligibilityModel, eventModels, hiringDrawsModel } from './models-events.js';
import { enrollmentAccumulatorModel, workforceSnapshotModel, yearlyEventsModel } from './models-state.js';

/** Builds one year's models; dependencies name models of the same year only. */
export function buildYearModels(ctx: SimulationContext, year: number): Model[] {
  const models: Model[] = [];
  if (year === ctx.startYear) models.push(censusModel(ctx), baselineModel(ctx));
  models.push(
    workforceStartModel(ctx, year),
    ...hazardModels(ctx, year),
    workforceNeedsModel(year),
    eligibilityModel(year),
    hiringDrawsModel(ctx, year),
    ...eventModels(ctx, year),
    yearlyEventsModel(ctx, year),
    enrollmentAccumulatorModel(year),
    workforceSnapshotModel(year),
  );
  checkDependencies(models, year);
  return models;
}

/** Fails fast on a dependency that names no model of the year: a typo would otherwise run it early. */
function checkDependencies(models: readonly Model[], year: number): void {
  const names = new Set(models.map((m) => m.name));
  for (const model of models) {
    for (const dependency of model.dependsOn) {
      if (!names.has(dependency)) throw new Error(`pipeline ${year}: ${model.name} depends on unknown model ${dependency}`);
    }
  }
}

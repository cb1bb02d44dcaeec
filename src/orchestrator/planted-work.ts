// A test hook for checking a what-if for real (docs/predictions.md): THREADGATE_PLANT_REPEAT names
// models (without their shard suffix) whose queries are computed twice, once counted and thrown
// away, before the table is made; the outputs are the same, the model takes about twice as long
// on the same resources, which the what-if "these models twice as slow" predicts from a run without it.
import type { Model } from './model-types.js';

/** The environment variable naming the models, comma-separated. */
export const PLANT_REPEAT_ENV = 'THREADGATE_PLANT_REPEAT';

const CREATE_AS = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+\S+\s+AS\s+([\s\S]*)$/i;

/** The model names of the variable's value (empty when unset). */
export function readPlantedModels(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  );
}

/** `models` with every CREATE ... AS query of a named model run once more as a count first. */
export function plantRepeatedWork(models: readonly Model[], planted: ReadonlySet<string>): Model[] {
  if (planted.size === 0) return [...models];
  return models.map((model) => {
    if (!planted.has(model.name.replace(/_s\d+$/, ''))) return model;
    const statements = model.statements.flatMap((sql) => {
      const query = CREATE_AS.exec(sql)?.[1];
      return query === undefined ? [sql] : [`SELECT count(*) FROM (${query}) AS planted_repeat`, sql];
    });
    return { ...model, statements };
  });
}

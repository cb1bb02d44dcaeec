// A test hook for checking a what-if for real (docs/predictions.md): THREADGATE_PLANT_REPEAT names
// models (without their shard suffix) whose queries are computed twice, once hashed and thrown
// away, before the table is made (a hash of every row, not count(*): DuckDB's optimizer drops the
// columns a count does not read, and the first check measured a planted "×2" adding 0.04 s); the
// outputs are the same, the model takes about twice as long
// on the same resources, which the what-if "these models twice as slow" predicts from a run without it.
import type { Model } from './model-types.js';

/** The environment variable naming the models, comma-separated. */
export const PLANT_REPEAT_ENV = 'THREADGATE_PLANT_REPEAT';

// The query of a statement that fills a table: CREATE ... AS query, or INSERT INTO t [(cols)] query
// (the sharded models declare their table, then insert: the first check matched only CREATE ... AS
// and planted nothing in them).
const FILLING_QUERY = [
  /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+\S+\s+AS\s+([\s\S]*)$/i,
  /^\s*INSERT\s+INTO\s+\S+\s*(?:\([^)]*\)\s*)?((?:SELECT|WITH)\b[\s\S]*)$/i,
];

function findFillingQuery(sql: string): string | undefined {
  for (const pattern of FILLING_QUERY) {
    const query = pattern.exec(sql)?.[1];
    if (query !== undefined) return query;
  }
  return undefined;
}

/** The model names of the variable's value (empty when unset). */
export function readPlantedModels(value: string | undefined): ReadonlySet<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  );
}

/** `models` with every table-filling query of a named model run once more, hashing every row, first. */
export function plantRepeatedWork(models: readonly Model[], planted: ReadonlySet<string>): Model[] {
  if (planted.size === 0) return [...models];
  return models.map((model) => {
    if (!planted.has(model.name.replace(/_s\d+$/, ''))) return model;
    const statements = model.statements.flatMap((sql) => {
      const query = findFillingQuery(sql);
      return query === undefined
        ? [sql]
        : [`SELECT bit_xor(hash(planted_repeat)) FROM (${query}) AS planted_repeat`, sql];
    });
    return { ...model, statements };
  });
}

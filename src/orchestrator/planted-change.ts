// A hidden test hook, as hyperfine has its debug mode: THREADGATE_PLANT names changes to models' SQL
// and the thread counts they apply at, so tests can plant a real difference upstream in the real
// orchestrator and check that the lineage walk names it. Unset, nothing changes.
import type { Model } from './model-types.js';

/** `{"model": "int_hiring_draws", "find": "...", "replace": "...", "minThreads": 2, "before": ["CREATE ..."]}`. */
export interface PlantedChange {
  readonly model: string;
  readonly find: string;
  readonly replace: string;
  /** Applies only at this many threads or more (default 1: always). */
  readonly minThreads?: number;
  /** Statements run first, in the model's transaction (e.g. a table its changed SQL reads). */
  readonly before?: readonly string[];
}

/** The changes THREADGATE_PLANT asks for (one object or an array); a malformed value is an error, never ignored. */
export function readPlantedChanges(env: NodeJS.ProcessEnv = process.env): PlantedChange[] {
  const raw = env['THREADGATE_PLANT'];
  if (raw === undefined || raw === '') return [];
  const parsed = JSON.parse(raw) as unknown;
  const changes = (Array.isArray(parsed) ? parsed : [parsed]) as Partial<PlantedChange>[];
  for (const value of changes) {
    if (typeof value.model !== 'string' || typeof value.find !== 'string' || typeof value.replace !== 'string') {
      throw new Error(
        'THREADGATE_PLANT: expected {"model": NAME, "find": TEXT, "replace": TEXT, "minThreads"?: N, "before"?: [SQL]} or an array of them',
      );
    }
  }
  return changes as PlantedChange[];
}

/** The models with each change applied to its model (and shards); throws when a change finds nothing to change. */
export function applyPlantedChanges(
  models: readonly Model[],
  changes: readonly PlantedChange[],
  threads: number,
): Model[] {
  let result = [...models];
  for (const change of changes) {
    if (threads < (change.minThreads ?? 1)) continue;
    let applied = false;
    result = result.map((model) => {
      if (model.name !== change.model && !model.name.startsWith(`${change.model}_s`)) return model;
      if (model.statements.some((sql) => sql.includes(change.find))) applied = true;
      const statements = model.statements.map((sql) => sql.replaceAll(change.find, change.replace));
      return { ...model, statements: [...(change.before ?? []), ...statements] };
    });
    // A model of the start year only (the census) is absent later: only the year it exists in must match.
    if (!applied && result.some((model) => model.name === change.model || model.name.startsWith(`${change.model}_s`))) {
      throw new Error(`THREADGATE_PLANT: ${JSON.stringify(change.find)} is not in the SQL of ${change.model}`);
    }
  }
  return result;
}

// A hidden test hook, as hyperfine has its debug mode: THREADGATE_PLANT names a change to one
// model's SQL and the thread counts it applies at, so tests can plant a real difference upstream
// in the real orchestrator and check that the lineage walk names it. Unset, nothing changes.
import type { Model } from './model-types.js';

/** `{"model": "int_hiring_draws", "find": "...", "replace": "...", "minThreads": 2}`. */
export interface PlantedChange {
  readonly model: string;
  readonly find: string;
  readonly replace: string;
  /** Applies only at this many threads or more (default 1: always). */
  readonly minThreads?: number;
}

/** The change THREADGATE_PLANT asks for, or null; a malformed value is an error, never ignored. */
export function readPlantedChange(env: NodeJS.ProcessEnv = process.env): PlantedChange | null {
  const raw = env['THREADGATE_PLANT'];
  if (raw === undefined || raw === '') return null;
  const value = JSON.parse(raw) as Partial<PlantedChange>;
  if (typeof value.model !== 'string' || typeof value.find !== 'string' || typeof value.replace !== 'string') {
    throw new Error('THREADGATE_PLANT: expected {"model": NAME, "find": TEXT, "replace": TEXT, "minThreads"?: N}');
  }
  return value as PlantedChange;
}

/** The models with the change applied to `change.model` (and its shards); throws when it finds nothing to change. */
export function applyPlantedChange(models: readonly Model[], change: PlantedChange | null, threads: number): Model[] {
  if (change === null || threads < (change.minThreads ?? 1)) return [...models];
  let applied = false;
  const result = models.map((model) => {
    if (model.name !== change.model && !model.name.startsWith(`${change.model}_s`)) return model;
    const statements = model.statements.map((sql) => (sql.includes(change.find) ? ((applied = true), sql.replaceAll(change.find, change.replace)) : sql));
    return { ...model, statements };
  });
  if (!applied) throw new Error(`THREADGATE_PLANT: ${JSON.stringify(change.find)} is not in the SQL of ${change.model}`);
  return result;
}

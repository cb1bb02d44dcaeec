// `recommend --apply`: the recommendation written into a PlanAlign simulation_config.yaml in place.
import { writeFileAtomically } from '../core/atomic-write.js';
import type { Recommendation } from '../core/recommendation-record.js';
import { InputError } from '../core/errors.js';
import { applyThreadingSettings, formatConfigChanges, readPlanalignConfig } from './planalign-config.js';

/**
 * Sets `orchestrator.threading` (enabled, thread_count, mode, resource_management.max_threads) and,
 * where PlanAlign would prefer it, `optimization.e068c_threading.dbt_threads` in `file`; every other
 * line stays as it was. Replaced atomically. Returns the changes.
 */
export async function applyRecommendation(recommendation: Recommendation, file: string): Promise<string[]> {
  const config = await readPlanalignConfig(file);
  applyThreadingSettings(config, { threads: recommendation.thread_count, mode: recommendation.mode, maxThreads: recommendation.max_threads });
  if (config.changes.length === 0) return [];
  try {
    await writeFileAtomically(file, config.text);
  } catch (error) {
    throw new InputError(`PlanAlign config ${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return formatConfigChanges(config.changes);
}

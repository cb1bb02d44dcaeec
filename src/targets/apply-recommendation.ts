// `recommend --apply`: the recommendation written into a PlanAlign simulation_config.yaml in place.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { writeFileAtomically } from '../core/atomic-write.js';
import { describeFileError } from '../core/describe-file-error.js';
import type { Recommendation } from '../core/recommendation-record.js';
import { InputError } from '../core/errors.js';
import { applyThreadingSettings, formatConfigChanges, readPlanalignConfig } from './planalign-config.js';

/** Reads and parses `file` and checks it can be written, so a bad --apply fails before anything is printed. */
export async function checkApplicable(file: string): Promise<void> {
  await readPlanalignConfig(file);
  try {
    await access(file, constants.W_OK);
  } catch (error) {
    throw new InputError(`PlanAlign config ${file}: cannot be written (${describeFileError(error)})`);
  }
}

/**
 * Sets `orchestrator.threading` (enabled, thread_count, mode, resource_management.max_threads) and,
 * where PlanAlign would prefer it, `optimization.e068c_threading.dbt_threads` in `file`; every other
 * line stays as it was. Replaced atomically. Returns the changes.
 */
export async function applyRecommendation(recommendation: Recommendation, file: string): Promise<string[]> {
  const config = await readPlanalignConfig(file);
  applyThreadingSettings(config, {
    threads: recommendation.thread_count,
    mode: recommendation.mode,
    maxThreads: recommendation.max_threads,
  });
  if (config.changes.length === 0) return [];
  try {
    await writeFileAtomically(file, config.text);
  } catch (error) {
    throw new InputError(`PlanAlign config ${file}: cannot be written (${describeFileError(error)})`);
  }
  return formatConfigChanges(config.changes);
}

// PlanAlign's simulation_config.yaml: read and check it, and set threading keys in its text so every
// other line (keys, order, comments, blank lines) stays as it was. Used for a run's config overlay and
// for `recommend --apply`.
import { describeFileError } from '../core/describe-file-error.js';
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { InputError } from '../core/errors.js';
import type { ThreadingMode } from '../matrix/types.js';
import { setYamlValue } from './yaml-edit.js';

/** One key set in a config: its path, and its value before and after. */
export interface ConfigChange {
  readonly path: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
}

/** A config's text with the changes made to it so far. */
export interface EditedConfig {
  readonly file: string;
  text: string;
  readonly changes: ConfigChange[];
}

/** The threading settings threadgate writes into a PlanAlign config. */
export interface ThreadingSettings {
  readonly threads: number;
  readonly mode: ThreadingMode;
  /** The adaptive adjuster's ceiling; left alone when undefined. */
  readonly maxThreads?: number;
}

/**
 * Where PlanAlign reads each setting (planalign_orchestrator/config/performance.py and loader.py):
 * the resource manager, and so its `max_threads`, sits inside `orchestrator.threading`.
 */
export const PLANALIGN_KEYS = {
  enabled: ['orchestrator', 'threading', 'enabled'],
  threadCount: ['orchestrator', 'threading', 'thread_count'],
  mode: ['orchestrator', 'threading', 'mode'],
  maxThreads: ['orchestrator', 'threading', 'resource_management', 'max_threads'],
  dbtThreads: ['optimization', 'e068c_threading', 'dbt_threads'],
  seed: ['simulation', 'random_seed'],
  censusPath: ['setup', 'census_parquet_path'],
} as const satisfies Record<string, readonly string[]>;

/** Reads a PlanAlign config; an unreadable file or a YAML error is an InputError naming the file and line. */
export async function readPlanalignConfig(file: string): Promise<EditedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`PlanAlign config ${file}: cannot be read (${describeFileError(error)})`);
  }
  const document = YAML.parseDocument(text);
  const [first] = document.errors;
  if (first) {
    const where = first.linePos?.[0] ? `line ${first.linePos[0].line}, column ${first.linePos[0].col}: ` : '';
    throw new InputError(`PlanAlign config ${file}: ${where}${first.message.split('\n')[0]}`);
  }
  if (!YAML.isMap(document.contents))
    throw new InputError(`PlanAlign config ${file}: expected a mapping at the top level`);
  return { file, text, changes: [] };
}

/** Sets one key (recorded as a change unless it already held the value). */
export function setConfigValue(config: EditedConfig, path: readonly string[], value: unknown): void {
  let edit: ReturnType<typeof setYamlValue>;
  try {
    edit = setYamlValue(config.text, path, value);
  } catch (error) {
    throw new InputError(`PlanAlign config ${config.file}: cannot set ${path.join('.')}: ${(error as Error).message}`);
  }
  if (edit.before === value) return;
  config.text = edit.text;
  config.changes.push({ path, before: edit.before, after: value });
}

/**
 * Writes threading settings the way PlanAlign reads them: `orchestrator.threading` enabled (dbt gets a
 * thread count only when it is), `thread_count` and `mode`; `optimization.e068c_threading.dbt_threads`
 * too when an `optimization` section exists, since PlanAlign then prefers it to `thread_count`; and
 * the resource manager's `max_threads` when given.
 */
export function applyThreadingSettings(config: EditedConfig, settings: ThreadingSettings): void {
  setConfigValue(config, PLANALIGN_KEYS.enabled, true);
  setConfigValue(config, PLANALIGN_KEYS.threadCount, settings.threads);
  setConfigValue(config, PLANALIGN_KEYS.mode, settings.mode);
  if (YAML.parseDocument(config.text).has('optimization'))
    setConfigValue(config, PLANALIGN_KEYS.dbtThreads, settings.threads);
  if (settings.maxThreads !== undefined) setConfigValue(config, PLANALIGN_KEYS.maxThreads, settings.maxThreads);
}

/** `a.b.c: 1 -> 2` lines for a person. */
export function formatConfigChanges(changes: readonly ConfigChange[]): string[] {
  const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
  return changes.map((change) => `${change.path.join('.')}: ${show(change.before)} -> ${show(change.after)}`);
}

// Reads the parts of a PlanAlign simulation_config.yaml that the reference orchestrator honours,
// naming the file and key path in every error so a bad config is fixed in one look.
import { describeFileError } from '../core/describe-file-error.js';
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import { MAX_THREADS, MIN_THREADS, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';

/** Settings taken from a PlanAlign config; absent keys stay undefined. */
export interface ConfigSettings {
  readonly threadCount?: number;
  readonly threadingEnabled?: boolean;
  readonly mode?: ThreadingMode;
  readonly seed?: number;
  readonly startYear?: number;
  readonly endYear?: number;
}

type Node = Record<string, unknown>;

function isRecord(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lookup(root: Node, keyPath: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of keyPath) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Loads and validates a PlanAlign-layout config file (YAML or JSON). */
export async function loadConfigFile(file: string): Promise<ConfigSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`config ${file}: cannot read the file (${describeFileError(error)})`);
  }
  // Imported here: most runs pass no config, and the parser costs a tenth of a second to load.
  const { parse } = await import('yaml');
  let root: unknown;
  try {
    root = parse(text);
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new InputError(`config ${file}: not valid YAML: ${first}`);
  }
  if (root === null || root === undefined) root = {};
  if (!isRecord(root)) throw new InputError(`config ${file}: expected a mapping at the top level, got ${typeof root}`);
  const fail = (keyPath: string, expected: string, value: unknown): never => {
    throw new InputError(`config ${file}: ${keyPath} must be ${expected}, got ${JSON.stringify(value)}`);
  };
  const integer = (keyPath: string, min: number, max: number): number | undefined => {
    const value = lookup(root as Node, keyPath.split('.'));
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return fail(keyPath, `an integer between ${min} and ${max}`, value);
    }
    return value;
  };
  const threadCount = integer('orchestrator.threading.thread_count', MIN_THREADS, MAX_THREADS);
  const enabledValue = lookup(root, ['orchestrator', 'threading', 'enabled']);
  if (enabledValue !== undefined && enabledValue !== null && typeof enabledValue !== 'boolean') {
    fail('orchestrator.threading.enabled', 'true or false', enabledValue);
  }
  const modeValue = lookup(root, ['orchestrator', 'threading', 'mode']);
  if (modeValue !== undefined && modeValue !== null && !THREADING_MODES.includes(modeValue as ThreadingMode)) {
    fail('orchestrator.threading.mode', `one of ${THREADING_MODES.join(', ')}`, modeValue);
  }
  const seed = integer('simulation.random_seed', 0, Number.MAX_SAFE_INTEGER);
  const startYear = integer('simulation.start_year', 1900, 2999);
  const endYear = integer('simulation.end_year', 1900, 2999);
  if (startYear !== undefined && endYear !== undefined && endYear < startYear) {
    throw new InputError(
      `config ${file}: simulation.end_year (${endYear}) is before simulation.start_year (${startYear})`,
    );
  }
  return {
    ...(threadCount !== undefined && { threadCount }),
    ...(typeof enabledValue === 'boolean' && { threadingEnabled: enabledValue }),
    ...(typeof modeValue === 'string' && { mode: modeValue as ThreadingMode }),
    ...(seed !== undefined && { seed }),
    ...(startYear !== undefined && { startYear }),
    ...(endYear !== undefined && { endYear }),
  };
}

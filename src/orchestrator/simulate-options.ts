// Resolves `threadgate simulate` input (flags, then a PlanAlign config, then defaults) into one
// readonly options record, throwing an InputError that names the flag or key for any bad value.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { MAX_THREADS, MIN_THREADS, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';
import { loadConfigFile, type ConfigSettings } from './config-file.js';

/** Where the thread count came from (reported on stderr, in run_settings and in --json). */
export type ThreadSource = 'flag' | 'config' | 'config-disabled' | 'default' | 'recommendation' | 'resources';

/** Raw command-line values, all optional, as yargs hands them over. */
export interface SimulateFlags {
  readonly threads?: string | undefined;
  readonly mode?: string | undefined;
  readonly years?: string | undefined;
  readonly employees?: string | undefined;
  readonly seed?: string | undefined;
  readonly database?: string | undefined;
  readonly scenarioId?: string | undefined;
  readonly config?: string | undefined;
  readonly recommendation?: string | undefined;
  readonly memoryLimit?: string | undefined;
  readonly verbose?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly probePool?: boolean | undefined;
  readonly keepIntermediates?: boolean | undefined;
}

/** Everything a simulation needs, resolved and validated; threads stays 'auto' until a recommendation resolves it. */
export interface SimulateOptions {
  readonly threads: number | 'auto';
  readonly threadSource: ThreadSource;
  readonly mode: ThreadingMode;
  /** Whether the mode was given (flag or config) rather than defaulted. */
  readonly modeGiven: boolean;
  readonly startYear: number;
  readonly endYear: number;
  readonly employees: number;
  readonly seed: number;
  readonly database: string;
  readonly scenarioId: string;
  readonly recommendationFile: string | null;
  readonly memoryLimitBytes: number | null;
  readonly verbose: boolean;
  readonly force: boolean;
  readonly json: boolean;
  readonly probePool: boolean;
  readonly keepIntermediates: boolean;
}

/** Defaults in one place. */
export const SIMULATE_DEFAULTS = {
  threads: 1,
  mode: 'selective' as ThreadingMode,
  startYear: 2025,
  endYear: 2029,
  employees: 10_000,
  seed: 42,
  scenarioId: 'default',
} as const;

/** Parses and range-checks a thread count; the message is the one PlanAlign users know. */
export function parseThreadCount(raw: string, where: string): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isInteger(value)) {
    throw new InputError(
      `${where}: thread_count must be an integer between ${MIN_THREADS} and ${MAX_THREADS} (or auto), got ${JSON.stringify(raw)}`,
    );
  }
  if (value < MIN_THREADS || value > MAX_THREADS) {
    throw new InputError(`${where}: thread_count must be between ${MIN_THREADS} and ${MAX_THREADS}, got ${value}`);
  }
  return value;
}

/** Parses `2025-2029` (or a single year `2025`). */
export function parseYears(raw: string): { startYear: number; endYear: number } {
  const match = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(raw);
  if (!match) throw new InputError(`--years: expected a range such as 2025-2029, got ${JSON.stringify(raw)}`);
  const startYear = Number(match[1]);
  const endYear = Number(match[2] ?? match[1]);
  if (endYear < startYear)
    throw new InputError(`--years: the range ${raw} is reversed (${endYear} is before ${startYear})`);
  return { startYear, endYear };
}

function parseInteger(raw: string, flag: string, min: number): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    const expected = min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
    throw new InputError(`${flag}: must be ${expected}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Parses sizes such as `512MB`, `1.5GB`, `800KB` or plain bytes (binary multiples). */
export function parseByteSize(raw: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|KIB|MB|MIB|GB|GIB)?\s*$/i.exec(raw);
  if (!match) throw new InputError(`${flag}: expected a size such as 512MB, got ${JSON.stringify(raw)}`);
  const unit = (match[2] ?? 'B').toUpperCase().replace('I', '');
  const scale: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  const bytes = Math.round(Number(match[1]) * (scale[unit] ?? 1));
  if (bytes <= 0) throw new InputError(`${flag}: must be positive, got ${JSON.stringify(raw)}`);
  return bytes;
}

/** Refuses a database path whose folder is missing or unwritable, or that exists without --force. */
export function checkDatabasePath(database: string, force: boolean): string {
  const resolved = path.resolve(database);
  const folder = path.dirname(resolved);
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a directory');
    accessSync(folder, constants.W_OK);
  } catch {
    throw new InputError(
      `--database: cannot write ${database}: folder ${folder} does not exist or is not a writable directory`,
    );
  }
  let exists = false;
  try {
    const stat = statSync(resolved);
    if (stat.isDirectory()) throw new InputError(`--database: ${database} is a directory, not a database file`);
    exists = true;
  } catch (error) {
    if (error instanceof InputError) throw error;
  }
  if (exists && !force) throw new InputError(`--database: ${database} already exists; pass --force to replace it`);
  return resolved;
}

/** Merges flags over config over defaults and validates the result. */
export async function resolveSimulateOptions(flags: SimulateFlags): Promise<SimulateOptions> {
  const config: ConfigSettings = flags.config !== undefined ? await loadConfigFile(flags.config) : {};
  let threads: number | 'auto' = SIMULATE_DEFAULTS.threads;
  let threadSource: ThreadSource = 'default';
  if (flags.threads !== undefined) {
    threads = flags.threads.trim().toLowerCase() === 'auto' ? 'auto' : parseThreadCount(flags.threads, '--threads');
    threadSource = 'flag';
  } else if (config.threadCount !== undefined) {
    // PlanAlign passes the configured count on only when threading is enabled.
    threads = config.threadingEnabled === false ? 1 : config.threadCount;
    threadSource = config.threadingEnabled === false ? 'config-disabled' : 'config';
  }
  if (flags.mode !== undefined && !THREADING_MODES.includes(flags.mode as ThreadingMode)) {
    throw new InputError(`--mode: must be one of ${THREADING_MODES.join(', ')}, got ${JSON.stringify(flags.mode)}`);
  }
  const mode = (flags.mode as ThreadingMode | undefined) ?? config.mode ?? SIMULATE_DEFAULTS.mode;
  const years =
    flags.years !== undefined
      ? parseYears(flags.years)
      : {
          startYear: config.startYear ?? SIMULATE_DEFAULTS.startYear,
          endYear: config.endYear ?? SIMULATE_DEFAULTS.endYear,
        };
  if (years.endYear < years.startYear) {
    throw new InputError(`years: end year ${years.endYear} is before start year ${years.startYear}`);
  }
  const employees =
    flags.employees !== undefined ? parseInteger(flags.employees, '--employees', 1) : SIMULATE_DEFAULTS.employees;
  const seed =
    flags.seed !== undefined ? parseInteger(flags.seed, '--seed', 0) : (config.seed ?? SIMULATE_DEFAULTS.seed);
  if (flags.database === undefined || flags.database.trim() === '')
    throw new InputError('--database: a database path is required');
  const scenarioId = flags.scenarioId ?? SIMULATE_DEFAULTS.scenarioId;
  if (scenarioId.trim() === '') throw new InputError('--scenario-id: must not be empty');
  return {
    threads,
    threadSource,
    mode,
    modeGiven: flags.mode !== undefined || config.mode !== undefined,
    ...years,
    employees,
    seed,
    database: checkDatabasePath(flags.database, flags.force === true),
    scenarioId,
    recommendationFile: flags.recommendation ?? null,
    memoryLimitBytes: flags.memoryLimit !== undefined ? parseByteSize(flags.memoryLimit, '--memory-limit') : null,
    verbose: flags.verbose === true,
    force: flags.force === true,
    json: flags.json === true,
    probePool: flags.probePool === true,
    keepIntermediates: flags.keepIntermediates === true,
  };
}

// Reads a matrix file (YAML or JSON), validates it with the schema, applies command-line overrides
// and defaults, and returns the readonly ResolvedMatrix every later stage uses.
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { PLACEHOLDERS } from './placeholders.js';
import { PLANALIGN_TABLE_SPECS } from './planalign-tables.js';
import { DEFAULT_TABLE_SPECS, MATRIX_DEFAULTS } from './defaults.js';
import { CONDITION_OVERRIDE_SCHEMAS, resolveConditions, type ConditionOverrides } from './conditions.js';
import { formatIssue } from './format-issue.js';
import {
  atMost,
  checkDocumentSize,
  checkDurationRange,
  checkPlanSize,
  checkSamplesPerRun,
  checkYearRange,
  MATRIX_LIMITS,
} from './limits.js';
import { listConfigurations } from './plan.js';
import { resolveCensusSource, resolvePlanalignCheckout, resolvePlanalignPython } from './planalign-location.js';
import { displayPath, readMatrixFile } from './read-matrix-file.js';
import { resolveSearch, SEARCH_OVERRIDE_SCHEMAS, type SearchOverrides } from './search-settings.js';
import {
  durationSchema,
  KNOWN_KEYS,
  matrixFileSchema,
  modeSchema,
  threadCountSchema,
  type MatrixFile,
} from './schema.js';
import type {
  KeepPolicy,
  ResolvedMatrix,
  ScheduleSpec,
  TableSpec,
  TargetSpec,
  ThreadingMode,
  YearRange,
} from './types.js';
import { parseDurationMs, parseMemoryBudget, parseYears } from './units.js';

/** Command-line values that override the file's. */
export interface MatrixOverrides extends ConditionOverrides, SearchOverrides {
  readonly threads?: readonly number[];
  readonly modes?: readonly ThreadingMode[];
  readonly reps?: number;
  readonly warmup?: number;
  /** A duration as in the file: "10m", "90s", "1h", "1500ms". */
  readonly timeout?: string;
  readonly keep?: KeepPolicy;
}

const OVERRIDE_SCHEMAS = {
  threads: z.array(threadCountSchema).min(1),
  modes: z.array(modeSchema).min(1),
  reps: z
    .int()
    .min(1, { error: 'expected an integer of at least 1' })
    .max(MATRIX_LIMITS.repetitions, atMost(MATRIX_LIMITS.repetitions)),
  warmup: z
    .int()
    .min(0, { error: 'expected an integer of at least 0' })
    .max(MATRIX_LIMITS.warmup, atMost(MATRIX_LIMITS.warmup)),
  timeout: durationSchema,
  keep: z.enum(['failures', 'all', 'none']),
  ...CONDITION_OVERRIDE_SCHEMAS,
  ...SEARCH_OVERRIDE_SCHEMAS,
} as const;

/** Reads and resolves a matrix file; every problem is an InputError naming file, key path and value. */
export async function loadMatrix(file: string, overrides: MatrixOverrides = {}): Promise<ResolvedMatrix> {
  const absolute = path.resolve(file);
  return resolveMatrix(await readMatrixFile(file, absolute), absolute, overrides);
}

/** Problems listed one per line; past this many, the rest are counted (a huge list must not flood the terminal). */
const MAX_ISSUE_LINES = 10;

/** Validates already-parsed input (a file's contents, or an object built in code). */
export function resolveMatrix(input: unknown, source: string | null, overrides: MatrixOverrides = {}): ResolvedMatrix {
  const where = source ? displayPath(source) : 'matrix';
  checkDocumentSize(input, where);
  const parsed = matrixFileSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, MAX_ISSUE_LINES).map((issue) => formatIssue(issue, input, KNOWN_KEYS));
    const more = parsed.error.issues.length - lines.length;
    if (more > 0) lines.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
    throw new InputError(`${where}: ${lines.join(`\n${where}: `)}`);
  }
  const file = parsed.data;
  const fail = (keyPath: string, message: string): never => {
    throw new InputError(`${where}: ${keyPath}: ${message}`);
  };
  const baseDir = source ? path.dirname(source) : process.cwd();
  validateOverrides(overrides);

  const threads = [...(overrides.threads ?? file.threads ?? MATRIX_DEFAULTS.threads)];
  const modes = [...(overrides.modes ?? file.modes ?? MATRIX_DEFAULTS.modes)];
  const duplicateThread = threads.find((value, index) => threads.indexOf(value) !== index);
  if (duplicateThread !== undefined)
    fail(overrides.threads ? '--threads' : 'threads', `thread count ${duplicateThread} is listed twice`);
  const duplicateMode = modes.find((value, index) => modes.indexOf(value) !== index);
  if (duplicateMode !== undefined) fail(overrides.modes ? '--modes' : 'modes', `mode ${duplicateMode} is listed twice`);

  // A reference written in the file must be one of the file's own configurations (else it is a typo);
  // the default reference, or one that --threads/--modes leave out, is added by the plan and always run.
  if (file.reference) {
    const fileThreads = file.threads ?? MATRIX_DEFAULTS.threads;
    const fileModes = file.modes ?? MATRIX_DEFAULTS.modes;
    if (!fileThreads.includes(file.reference.threads) || !fileModes.includes(file.reference.mode)) {
      fail(
        'reference',
        `{ threads: ${file.reference.threads}, mode: ${file.reference.mode} } is not in the matrix (threads [${fileThreads.join(', ')}] × modes [${fileModes.join(', ')}]); expected one of its configurations`,
      );
    }
  }

  const timeout = overrides.timeout ?? file.timeout ?? MATRIX_DEFAULTS.timeout;
  const sampleInterval = file.sampleInterval ?? MATRIX_DEFAULTS.sampleInterval;
  const recommendation = file.recommendation ?? {};
  const target = resolveTarget(file.target, baseDir, fail);
  const matrix: ResolvedMatrix = {
    name: file.name ?? (source ? path.basename(source).replace(/\.(ya?ml|json)$/, '') : 'matrix'),
    source,
    target,
    threads: threads.sort((a, b) => a - b),
    modes,
    repetitions: overrides.reps ?? file.repetitions ?? MATRIX_DEFAULTS.repetitions,
    warmup: overrides.warmup ?? file.warmup ?? MATRIX_DEFAULTS.warmup,
    order: file.order ?? MATRIX_DEFAULTS.order,
    orderSeed: file.orderSeed ?? MATRIX_DEFAULTS.orderSeed,
    timeoutMs: parseDurationMs(timeout),
    reference: file.reference ?? MATRIX_DEFAULTS.reference,
    tables: resolveTables(file.tables, target, file.float),
    recommendation: {
      tolerance: recommendation.tolerance ?? MATRIX_DEFAULTS.recommendation.tolerance,
      memoryBudget: parseMemoryBudget(
        recommendation.memoryBudget === undefined
          ? MATRIX_DEFAULTS.recommendation.memoryBudget
          : recommendation.memoryBudget,
      ),
    },
    keep: overrides.keep ?? file.keep ?? MATRIX_DEFAULTS.keep,
    sampleIntervalMs: parseDurationMs(sampleInterval),
    regressionThreshold: file.regressionThreshold ?? MATRIX_DEFAULTS.regressionThreshold,
    ...resolveConditions(file, overrides, fail),
    ...resolveSearch(file, overrides, fail),
  };
  checkScale(
    matrix,
    { timeout, sampleInterval, timeoutKey: overrides.timeout === undefined ? 'timeout' : '--timeout' },
    where,
    fail,
  );
  return matrix;
}

/** Limits a typo cannot exceed (src/matrix/limits.ts): durations, samples per run, the plan's size. */
function checkScale(
  matrix: ResolvedMatrix,
  written: { timeout: string | number; sampleInterval: string | number; timeoutKey: string },
  where: string,
  fail: (keyPath: string, message: string) => never,
): void {
  // A flag's error names the flag alone, as validateOverrides does.
  const failTimeout = written.timeoutKey.startsWith('--')
    ? (flag: string, message: string): never => {
        throw new InputError(`${flag}: ${message}`);
      }
    : fail;
  checkDurationRange(
    written.timeoutKey,
    written.timeout,
    matrix.timeoutMs,
    { minMs: 1, maxMs: MATRIX_LIMITS.timeoutMs },
    failTimeout,
  );
  checkDurationRange(
    'sampleInterval',
    written.sampleInterval,
    matrix.sampleIntervalMs,
    { minMs: MATRIX_LIMITS.minSampleIntervalMs, maxMs: MATRIX_LIMITS.maxSampleIntervalMs },
    fail,
  );
  checkSamplesPerRun(where, matrix.timeoutMs, matrix.sampleIntervalMs);
  const configurations = listConfigurations(matrix).length;
  checkPlanSize(where, {
    threads: matrix.threads.length,
    modes: matrix.modes.length,
    configurations,
    warmup: matrix.warmup,
    repetitions: matrix.repetitions,
  });
}

/** Flags are checked with the same schemas as the file, and errors name the flag. */
function validateOverrides(overrides: MatrixOverrides): void {
  for (const [name, schema] of Object.entries(OVERRIDE_SCHEMAS)) {
    const value = overrides[name as keyof MatrixOverrides];
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (!result.success) {
      const [issue] = result.error.issues;
      const line = issue ? formatIssue(issue, value, []).replace(/^\(top level\)|^\[\d+\]/, '') : ': invalid';
      throw new InputError(`--${name}${line.startsWith(':') ? line : `: ${line}`}`);
    }
  }
}

function resolveYears(
  value: string | { start: number; end: number } | undefined,
  fallback: string,
  fail: (keyPath: string, message: string) => never,
): YearRange {
  const years = parseYears(value ?? fallback);
  if (years.end < years.start)
    fail('target.years', `the range is reversed (${years.start}-${years.end}); expected start ≤ end`);
  checkYearRange(years, fail);
  return years;
}

function resolveTarget(
  target: MatrixFile['target'],
  baseDir: string,
  fail: (keyPath: string, message: string) => never,
): TargetSpec {
  switch (target.kind) {
    case 'builtin':
      return {
        kind: 'builtin',
        employees: target.employees ?? MATRIX_DEFAULTS.builtin.employees,
        years: resolveYears(target.years, MATRIX_DEFAULTS.builtin.years, fail),
        seed: target.seed ?? MATRIX_DEFAULTS.builtin.seed,
        scenarioId: target.scenarioId ?? MATRIX_DEFAULTS.builtin.scenarioId,
      };
    case 'planalign': {
      const checkout = resolvePlanalignCheckout(target.checkout, baseDir, fail);
      return {
        kind: 'planalign',
        checkout,
        census: resolveCensusSource(target, baseDir, fail),
        config: target.config ?? MATRIX_DEFAULTS.planalign.config,
        python: resolvePlanalignPython(target.python, baseDir, checkout),
        years: resolveYears(target.years, MATRIX_DEFAULTS.planalign.years, fail),
        seed: target.seed ?? MATRIX_DEFAULTS.planalign.seed,
        env: target.env ?? {},
      };
    }
    case 'command':
      checkCommand(target.command, fail);
      return {
        kind: 'command',
        command: target.command,
        cwd: path.resolve(baseDir, target.cwd ?? '.'),
        env: target.env ?? {},
        seed: target.seed ?? MATRIX_DEFAULTS.command.seed,
        ...(target.schedule ? { schedule: checkSchedule(target.schedule, fail) } : {}),
        ...(target.dag
          ? {
              dag:
                'file' in target.dag ? { file: path.resolve(baseDir, target.dag.file) } : { table: target.dag.table },
            }
          : {}),
      };
  }
}

/** An argument vector, never a shell string; only known placeholders. */
function checkCommand(command: readonly string[], fail: (keyPath: string, message: string) => never): void {
  if (command.length === 1 && /\s/.test(command[0]!)) {
    fail(
      'target.command',
      `looks like a shell string (${JSON.stringify(command[0])}); write it as an argument list, e.g. [${command[0]!
        .split(/\s+/)
        .map((word) => JSON.stringify(word))
        .join(', ')}]`,
    );
  }
  command.forEach((argument, index) => {
    for (const [, name] of argument.matchAll(/\{([^{}]*)\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(name!)) {
        fail(
          `target.command[${index}]`,
          `unknown placeholder {${name}}; expected one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
        );
      }
    }
  });
}

/** A schedule file's path may use the command's placeholders, and only those. */
function checkSchedule(schedule: ScheduleSpec, fail: (keyPath: string, message: string) => never): ScheduleSpec {
  if ('file' in schedule) {
    for (const [, name] of schedule.file.matchAll(/\{([^{}]*)\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(name!)) {
        fail(
          'target.schedule.file',
          `unknown placeholder {${name}}; expected one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
        );
      }
    }
  }
  return schedule;
}

function resolveTables(
  tables: MatrixFile['tables'],
  target: TargetSpec,
  float: MatrixFile['float'],
): Readonly<Record<string, TableSpec>> {
  // A real PlanAlign run has more tables worth comparing, with wall-clock columns of its own.
  if (!tables) {
    const defaults = target.kind === 'planalign' ? PLANALIGN_TABLE_SPECS : DEFAULT_TABLE_SPECS;
    return float
      ? Object.fromEntries(Object.entries(defaults).map(([name, spec]) => [name, { ...spec, float }]))
      : defaults;
  }
  return Object.fromEntries(
    Object.entries(tables).map(([name, spec]) => [
      name,
      {
        exempt: spec.exempt ?? [],
        groupBy: spec.groupBy ?? [],
        round: spec.round ?? {},
        ...((spec.float ?? float) ? { float: spec.float ?? float } : {}),
      },
    ]),
  );
}

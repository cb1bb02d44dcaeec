// The matrix file's schema (zod): what a user may write, before defaults and unit parsing. The same
// schema generates matrices/matrix.schema.json for editors.
import { z } from 'zod';
import { MATRIX_DEFAULTS } from './defaults.js';
import { MAX_THREADS, MIN_THREADS, THREADING_MODES } from './types.js';

const threadRange = `expected an integer between ${MIN_THREADS} and ${MAX_THREADS}`;
const threadCount = z.int({ error: threadRange }).min(MIN_THREADS, { error: threadRange }).max(MAX_THREADS, { error: threadRange }).describe(`a thread count, ${MIN_THREADS} to ${MAX_THREADS}`);
const mode = z.enum(THREADING_MODES).describe('an E067 threading mode');
const seed = z.int().min(0).describe('random seed passed to the target');

/** "2025-2029" or { start, end }. */
export const yearsSchema = z
  .union([z.string().regex(/^\d{4}-\d{4}$/, 'expected a year range like "2025-2029"'), z.strictObject({ start: z.int(), end: z.int() })])
  .describe('simulated years, "2025-2029" or { start, end }');

/** "10m", "90s", "1500ms", "1h", or milliseconds. */
export const durationSchema = z
  .union([z.int().positive(), z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'expected a duration like "90s", "10m", "1h" or "1500ms"')])
  .describe('a duration: "90s", "10m", "1h", "1500ms" or a number of milliseconds');

/** "80%", "16GB", "512MiB", a number of bytes, or null for no budget. */
export const memoryBudgetSchema = z
  .union([
    z.null(),
    z.number().positive(),
    z.string().regex(/^(\d+(\.\d+)?%|\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|K|M|G|T))$/i, 'expected "80%", "16GB", "512MiB", a number of bytes or null'),
  ])
  .describe('memory budget: "80%" of the machine, "16GB", a number of bytes, or null for none');

const environment = z.record(z.string(), z.string()).describe('environment variables added for the target');

const builtinTarget = z.strictObject({
  kind: z.literal('builtin'),
  employees: z.int().positive().optional().describe(`census size (default ${MATRIX_DEFAULTS.builtin.employees})`),
  years: yearsSchema.optional(),
  seed: seed.optional(),
  scenarioId: z.string().min(1).optional().describe('scenario_id written into the events'),
});

const planalignTarget = z.strictObject({
  kind: z.literal('planalign'),
  checkout: z.string().min(1).describe('the PlanAlign checkout, relative to the matrix file'),
  config: z.string().min(1).optional().describe(`its simulation config, relative to the checkout (default ${MATRIX_DEFAULTS.planalign.config})`),
  python: z.string().min(1).optional().describe('the Python interpreter (default python3)'),
  years: yearsSchema.optional(),
  seed: seed.optional(),
  env: environment.optional(),
});

const commandTarget = z.strictObject({
  kind: z.literal('command'),
  command: z.array(z.string()).min(1).describe('argument vector with placeholders {threads} {mode} {database} {seed} {rep} {workdir}; never a shell string'),
  cwd: z.string().optional().describe('working directory, relative to the matrix file (default its folder)'),
  env: environment.optional(),
  seed: seed.optional(),
});

const tableSpec = z.strictObject({
  exempt: z.array(z.string().min(1)).optional().describe('columns left out of the digest (wall-clock columns)'),
  groupBy: z.array(z.string().min(1)).optional().describe('columns whose groups are digested separately'),
  round: z.record(z.string(), z.int().min(0).max(17)).optional().describe('decimal places per DOUBLE column, rounded before hashing (accepts last-bit drift)'),
});

/** The whole matrix file. */
export const matrixFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, ".", "_" or "-"').optional().describe('matrix name (default: the file name)'),
  target: z.discriminatedUnion('kind', [builtinTarget, planalignTarget, commandTarget]),
  threads: z.array(threadCount).min(1).optional().describe(`thread counts (default ${MATRIX_DEFAULTS.threads.join(', ')})`),
  modes: z.array(mode).min(1).optional().describe('threading modes (default all three)'),
  repetitions: z.int().min(1).optional().describe(`timed runs per configuration (default ${MATRIX_DEFAULTS.repetitions})`),
  warmup: z.int().min(0).optional().describe(`untimed runs per configuration, first (default ${MATRIX_DEFAULTS.warmup})`),
  order: z.enum(['interleaved', 'grouped']).optional().describe('interleaved (round-robin, shuffled with a fixed seed) or grouped'),
  orderSeed: z.int().optional().describe('seed of the interleaved shuffle'),
  timeout: durationSchema.optional(),
  reference: z.strictObject({ threads: threadCount, mode }).optional().describe('the configuration every run is compared with (default 1 thread, sequential)'),
  tables: z.record(z.string().min(1), tableSpec).optional().describe('tables to digest (default PlanAlign\'s fct_yearly_events and fct_workforce_snapshot)'),
  recommendation: z
    .strictObject({
      tolerance: z.number().min(0).max(1).optional().describe('slowdown against the best median still counted as as fast (default 0.05)'),
      memoryBudget: memoryBudgetSchema.optional(),
    })
    .optional(),
  keep: z.enum(['failures', 'all', 'none']).optional().describe('which run databases to keep (default failures)'),
  sampleInterval: durationSchema.optional(),
  regressionThreshold: z.number().min(0).max(10).optional().describe('relative slowdown that counts as a regression when also significant (default 0.10)'),
});

export type MatrixFile = z.infer<typeof matrixFileSchema>;

/** Every key name the schema knows, for "did you mean" hints on unknown keys. */
export const KNOWN_KEYS = [
  ...Object.keys(matrixFileSchema.shape),
  ...Object.keys(builtinTarget.shape),
  ...Object.keys(planalignTarget.shape),
  ...Object.keys(commandTarget.shape),
  ...Object.keys(tableSpec.shape),
  'tolerance',
  'memoryBudget',
];

export { threadCount as threadCountSchema, mode as modeSchema };

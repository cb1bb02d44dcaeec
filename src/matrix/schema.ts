// The matrix file's schema (zod): what a user may write, before defaults and unit parsing. The same
// schema generates matrices/matrix.schema.json for editors.
import { z } from 'zod';
import { MATRIX_DEFAULTS } from './defaults.js';
import { atMost, MATRIX_LIMITS } from './limits.js';
import { MAX_THREADS, MIN_THREADS, THREADING_MODES } from './types.js';

const threadRange = `expected an integer between ${MIN_THREADS} and ${MAX_THREADS}`;
const threadCount = z
  .int({ error: threadRange })
  .min(MIN_THREADS, { error: threadRange })
  .max(MAX_THREADS, { error: threadRange })
  .describe(`a thread count, ${MIN_THREADS} to ${MAX_THREADS}`);
const mode = z.enum(THREADING_MODES).describe('an E067 threading mode');
const seed = z.int().min(0).describe('random seed passed to the target');

/** "2025-2029" or { start, end }. */
export const yearsSchema = z
  .union([
    z.string().regex(/^\d{4}-\d{4}$/, 'expected a year range like "2025-2029"'),
    z.strictObject({ start: z.int(), end: z.int() }),
  ])
  .describe('simulated years, "2025-2029" or { start, end }');

/** "10m", "90s", "1500ms", "1h", or milliseconds. */
export const durationSchema = z
  .union([
    z.int().positive(),
    z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'expected a duration like "90s", "10m", "1h" or "1500ms"'),
  ])
  .describe('a duration: "90s", "10m", "1h", "1500ms" or a number of milliseconds');

/** "80%", "16GB", "512MiB", a number of bytes, or null for no budget. */
export const memoryBudgetSchema = z
  .union([
    z.null(),
    z.number().positive(),
    z
      .string()
      .regex(
        /^(\d+(\.\d+)?%|\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|K|M|G|T))$/i,
        'expected "80%", "16GB", "512MiB", a number of bytes or null',
      ),
  ])
  .describe('memory budget: "80%" of the machine, "16GB", a number of bytes, or null for none');

/** Memory stress: a share of the machine ("70%"), a size ("16GB") or bytes, optionally inside a memory cgroup. */
const stressSchema = z.strictObject({
  memory: z
    .union([
      z.number().positive(),
      z
        .string()
        .regex(
          /^(\d+(\.\d+)?%|\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|K|M|G|T))$/i,
          'expected "70%", "16GB", "512MiB" or a number of bytes',
        ),
    ])
    .describe(
      'memory a helper process holds for the whole matrix: "70%" of the machine (of `limit` when set), "16GB", or bytes',
    ),
  limit: z
    .union([
      z.number().positive(),
      z
        .string()
        .regex(
          /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|K|M|G|T)$/i,
          'expected a size like "4GB" or "512MiB", or a number of bytes',
        ),
    ])
    .optional()
    .describe('confine the helper and every run to a memory cgroup of this size, so OOM kills stay inside it'),
});

/** Noisy-machine detection: the other work a run tolerates, and how often a noisy sample is re-run. */
const noiseSchema = z.strictObject({
  threshold: z
    .number()
    .min(0)
    .max(1024)
    .optional()
    .describe(
      `cores of other work (outside the run, steal included) above which a run is flagged noisy (default ${MATRIX_DEFAULTS.noise.threshold})`,
    ),
  rerun: z
    .int()
    .min(0)
    .max(10)
    .optional()
    .describe(`re-runs of a noisy timed run, at most (default ${MATRIX_DEFAULTS.noise.rerun})`),
});

/** exhaustive (every configuration × repetitions) or adaptive (racing rounds, src/search). */
const searchStrategySchema = z
  .enum(['exhaustive', 'adaptive', 'predicted'])
  .describe(
    'exhaustive (default): every configuration × (warmup + repetitions); adaptive: racing rounds that drop configurations which cannot become the recommendation; predicted: the reference and one other thread count, then a race among only the configurations the schedule prediction cannot tell from the predicted best',
  );
/** A share of the exhaustive plan's runs ("50%"), or a number of runs. */
const searchBudgetSchema = z
  .union([
    z.int().min(1),
    z.string().regex(/^\d+(\.\d+)?%$/, 'expected a share of the exhaustive runs like "30%", or a number of runs'),
  ])
  .describe(
    'most runs an adaptive or predicted search may use: a share of the exhaustive plan ("50%", the default for adaptive; "15%" for predicted) or a number of runs',
  );

const environment = z.record(z.string(), z.string()).describe('environment variables added for the target');

const builtinTarget = z.strictObject({
  kind: z.literal('builtin'),
  employees: z
    .int()
    .positive()
    .max(MATRIX_LIMITS.employees, atMost(MATRIX_LIMITS.employees))
    .optional()
    .describe(`census size (default ${MATRIX_DEFAULTS.builtin.employees})`),
  years: yearsSchema.optional(),
  seed: seed.optional(),
  scenarioId: z.string().min(1).optional().describe('scenario_id written into the events'),
});

const planalignTarget = z.strictObject({
  kind: z.literal('planalign'),
  checkout: z
    .string()
    .min(1)
    .optional()
    .describe('the PlanAlign checkout, relative to the matrix file (default $THREADGATE_PLANALIGN_CHECKOUT)'),
  config: z
    .string()
    .min(1)
    .optional()
    .describe(`its simulation config, relative to the checkout (default ${MATRIX_DEFAULTS.planalign.config})`),
  python: z
    .string()
    .min(1)
    .optional()
    .describe(
      "the Python interpreter (default $THREADGATE_PLANALIGN_PYTHON, else the checkout's .venv/bin/python, else python3)",
    ),
  employees: z
    .int()
    .positive()
    .max(MATRIX_LIMITS.employees, atMost(MATRIX_LIMITS.employees))
    .optional()
    .describe('census size: threadgate writes a seeded census once per run directory (threadgate census)'),
  census: z
    .string()
    .min(1)
    .optional()
    .describe(
      "a census parquet file in PlanAlign's schema, relative to the matrix file (default: the config's setup.census_parquet_path)",
    ),
  years: yearsSchema.optional(),
  seed: seed.optional(),
  env: environment.optional(),
});

/** Where a command target leaves each run's schedule (src/schedules): a table of its database, or a JSON-lines file. */
const scheduleSource = z
  .union([
    z.strictObject({
      table: z
        .string()
        .min(1)
        .describe(
          'a table of the run database with model, start, end (ms or timestamps) and optionally slot, depends_on, year, class',
        ),
    }),
    z.strictObject({
      file: z
        .string()
        .min(1)
        .describe(
          'a JSON-lines file, one {model, start, end, slot, depends_on, year, class} a line; placeholders like {workdir} allowed; relative to cwd',
        ),
    }),
  ])
  .describe("the run's per-model schedule, read after it ends");

/** The lineage of a command target's relations (src/lineage): a JSON file {relation: [upstream]} or a table (relation, upstream). */
const dagSource = z
  .union([
    z.strictObject({
      file: z
        .string()
        .min(1)
        .describe('a JSON file {"relation": ["upstream relation", ...]}, relative to the matrix file'),
    }),
    z.strictObject({
      table: z
        .string()
        .min(1)
        .describe(
          'a table of the run database with columns relation and upstream (one row per edge; upstream NULL for none)',
        ),
    }),
  ])
  .describe('which relation is computed from which: lets a divergence be walked back to its root cause');

/** When floating-point differences count as equal (src/digest/float-noise.ts): a relative distance or ULPs. */
const floatTolerance = z
  .union([
    z.strictObject({
      relative: z.number().positive().max(1e-3).describe('largest relative difference counted as equal, e.g. 1e-12'),
    }),
    z.strictObject({
      ulps: z
        .int()
        .positive()
        .max(1_000_000_000)
        .describe('largest distance in units in the last place counted as equal'),
    }),
  ])
  .describe(
    'differences from floating-point reassociation within this count as equal (the report says how many values)',
  );

const commandTarget = z.strictObject({
  kind: z.literal('command'),
  command: z
    .array(z.string())
    .min(1)
    .describe(
      'argument vector with placeholders {threads} {mode} {database} {seed} {rep} {workdir}; never a shell string',
    ),
  cwd: z.string().optional().describe('working directory, relative to the matrix file (default its folder)'),
  env: environment.optional(),
  seed: seed.optional(),
  schedule: scheduleSource.optional(),
  dag: dagSource.optional(),
});

const tableSpec = z.strictObject({
  exempt: z.array(z.string().min(1)).optional().describe('columns left out of the digest (wall-clock columns)'),
  groupBy: z.array(z.string().min(1)).optional().describe('columns whose groups are digested separately'),
  round: z
    .record(z.string(), z.int().min(0).max(17))
    .optional()
    .describe('decimal places per DOUBLE column, rounded before hashing (accepts last-bit drift)'),
  float: floatTolerance.optional(),
});

/** The whole matrix file. */
export const matrixFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z
    .string()
    .max(MATRIX_LIMITS.nameChars, atMost(MATRIX_LIMITS.nameChars, 'characters'))
    .regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, ".", "_" or "-"')
    .optional()
    .describe('matrix name (default: the file name)'),
  target: z.discriminatedUnion('kind', [builtinTarget, planalignTarget, commandTarget]),
  threads: z
    .array(threadCount)
    .min(1)
    .optional()
    .describe(`thread counts (default ${MATRIX_DEFAULTS.threads.join(', ')})`),
  modes: z.array(mode).min(1).optional().describe('threading modes (default all three)'),
  repetitions: z
    .int()
    .min(1)
    .max(MATRIX_LIMITS.repetitions, atMost(MATRIX_LIMITS.repetitions))
    .optional()
    .describe(`timed runs per configuration (default ${MATRIX_DEFAULTS.repetitions})`),
  warmup: z
    .int()
    .min(0)
    .max(MATRIX_LIMITS.warmup, atMost(MATRIX_LIMITS.warmup))
    .optional()
    .describe(`untimed runs per configuration, first (default ${MATRIX_DEFAULTS.warmup})`),
  order: z
    .enum(['interleaved', 'grouped'])
    .optional()
    .describe('interleaved (round-robin, shuffled with a fixed seed) or grouped'),
  orderSeed: z.int().optional().describe('seed of the interleaved shuffle'),
  timeout: durationSchema.optional(),
  reference: z
    .strictObject({ threads: threadCount, mode })
    .optional()
    .describe('the configuration every run is compared with (default 1 thread, sequential)'),
  float: floatTolerance.optional(),
  tables: z
    .record(z.string().min(1), tableSpec)
    .optional()
    .describe("tables to digest (default PlanAlign's fct_yearly_events and fct_workforce_snapshot)"),
  recommendation: z
    .strictObject({
      tolerance: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe('slowdown against the best median still counted as as fast (default 0.05)'),
      memoryBudget: memoryBudgetSchema.optional(),
    })
    .optional(),
  keep: z.enum(['failures', 'all', 'none']).optional().describe('which run databases to keep (default failures)'),
  sampleInterval: durationSchema.optional(),
  regressionThreshold: z
    .number()
    .min(0)
    .max(10)
    .optional()
    .describe('relative slowdown that counts as a regression when also significant (default 0.10)'),
  stress: stressSchema.optional(),
  noise: noiseSchema.optional(),
  search: searchStrategySchema.optional(),
  searchBudget: searchBudgetSchema.optional(),
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
  'table',
  'file',
  'relative',
  'ulps',
  ...Object.keys(stressSchema.shape),
  ...Object.keys(noiseSchema.shape),
];

export { stressSchema, searchStrategySchema, searchBudgetSchema };

export { threadCount as threadCountSchema, mode as modeSchema };

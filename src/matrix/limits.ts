// Upper bounds a typo cannot exceed. Every value that scales the harness's memory or time (runs,
// repetitions, list lengths, sampling rate, the file itself) is capped far above anything a real
// matrix needs, so `warmup: 1000000000` is refused with the limit in the message instead of
// exhausting the JavaScript heap. README "Matrix files → Validation" lists them.
import { InputError } from '../core/errors.js';
import { formatKeyPath } from './format-issue.js';

export const MATRIX_LIMITS = {
  /** Bytes of a matrix file (a real one is a few KiB). */
  fileBytes: 1024 * 1024,
  /** Nesting depth of the parsed document (a real one is 4 deep: tables.T.round.COL). */
  depth: 32,
  /** Timed runs per configuration. */
  repetitions: 1000,
  /** Untimed runs per configuration. */
  warmup: 1000,
  /** Runs in the whole plan, configurations × (warmup + repetitions); the soak matrix has 1,008. */
  planRuns: 10_000,
  /** Shards of one plan (`--shard K/N`); GitHub Actions runs at most 256 jobs of one matrix. */
  shards: 1000,
  /** Census size: the built-in orchestrator's, a planalign target's `employees`, `threadgate census`. */
  employees: 10_000_000,
  /** Simulated years from start to end, both included. */
  years: 100,
  /** Entries of any list or map: threads, tables, exempt, groupBy, round, command arguments, env. */
  listItems: 1000,
  /** Characters of the matrix name (it becomes part of a folder name). */
  nameChars: 100,
  /** Characters of any other string: paths, arguments, environment values, column names. */
  textChars: 10_000,
  /** Per-run timeout: Node's timers cannot wait longer than 2^31 − 1 ms (24.8 days). */
  timeoutMs: 7 * 24 * 3_600_000,
  /** Timeline sampling: faster than this the sampler costs more than it measures. */
  minSampleIntervalMs: 10,
  maxSampleIntervalMs: 60_000,
  /** Timeline samples one run may hold in memory: timeout ÷ sampleInterval. */
  samplesPerRun: 1_000_000,
} as const;

/** The zod error option for a maximum: `expected at most 1000`. */
export function atMost(limit: number, what = ''): { error: string } {
  return { error: `expected at most ${limit}${what === '' ? '' : ` ${what}`}` };
}

/** Refuses a duration outside [minMs, maxMs], quoting what was written and what it means in ms. */
export function checkDurationRange(
  keyPath: string,
  given: string | number,
  ms: number,
  range: { minMs: number; maxMs: number },
  fail: (keyPath: string, message: string) => never,
): void {
  const written = typeof given === 'string' ? `${JSON.stringify(given)} (${ms} ms)` : `${ms} ms`;
  if (ms < range.minMs) fail(keyPath, `expected at least ${range.minMs} ms, got ${written}`);
  if (ms > range.maxMs) fail(keyPath, `expected at most ${range.maxMs} ms, got ${written}`);
}

/** Four-digit years (what the orchestrators parse), at most MATRIX_LIMITS.years of them. */
export function checkYearRange(
  years: { start: number; end: number },
  fail: (keyPath: string, message: string) => never,
): void {
  for (const year of [years.start, years.end]) {
    if (year < 1000 || year > 9999) fail('target.years', `expected four-digit years, got ${year}`);
  }
  const count = years.end - years.start + 1;
  if (count > MATRIX_LIMITS.years)
    fail(
      'target.years',
      `${years.start}-${years.end} is ${count} years, more than the limit of ${MATRIX_LIMITS.years}`,
    );
}

/** What the whole plan costs: refuses more than MATRIX_LIMITS.planRuns runs, showing the product. */
export function checkPlanSize(
  where: string,
  plan: { threads: number; modes: number; configurations: number; warmup: number; repetitions: number },
): void {
  const runs = plan.configurations * (plan.warmup + plan.repetitions);
  if (runs <= MATRIX_LIMITS.planRuns) return;
  const extra = plan.configurations > plan.threads * plan.modes ? ' + the reference' : '';
  throw new InputError(
    `${where}: plan: ${plan.threads} threads × ${plan.modes} modes${extra} × (${plan.warmup} warmup + ${plan.repetitions} repetitions) = ${runs} runs, more than the limit of ${MATRIX_LIMITS.planRuns}; lower repetitions or warmup, or split the matrix`,
  );
}

/** timeout ÷ sampleInterval bounds the samples one run keeps in memory. */
export function checkSamplesPerRun(where: string, timeoutMs: number, sampleIntervalMs: number): void {
  const samples = Math.ceil(timeoutMs / sampleIntervalMs);
  if (samples <= MATRIX_LIMITS.samplesPerRun) return;
  throw new InputError(
    `${where}: sampleInterval: timeout ${timeoutMs} ms ÷ sampleInterval ${sampleIntervalMs} ms = ${samples} timeline samples per run, more than the limit of ${MATRIX_LIMITS.samplesPerRun}; raise sampleInterval or lower timeout`,
  );
}

/**
 * Walks the parsed document before the schema sees it (iteratively: a cycle from a YAML alias or a
 * deep nesting must not overflow the stack) and refuses the first list, map, string or nesting past
 * its limit, naming its key path. The schema then only ever sees input of a bounded size.
 */
export function checkDocumentSize(input: unknown, where: string): void {
  const stack: { value: unknown; path: readonly PropertyKey[]; depth: number }[] = [
    { value: input, path: [], depth: 0 },
  ];
  const fail = (keyPath: readonly PropertyKey[], message: string): never => {
    throw new InputError(`${where}: ${formatKeyPath(keyPath)}: ${message}`);
  };
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > MATRIX_LIMITS.textChars)
        fail(path, `expected at most ${MATRIX_LIMITS.textChars} characters, got ${value.length}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MATRIX_LIMITS.depth)
      fail(path, `nested more than ${MATRIX_LIMITS.depth} levels deep; a matrix is a few levels deep`);
    if (Array.isArray(value)) {
      if (value.length > MATRIX_LIMITS.listItems)
        fail(path, `expected at most ${MATRIX_LIMITS.listItems} items, got ${value.length}`);
      // Pushed last to first, so the first problem in document order is the one reported.
      for (let index = value.length - 1; index >= 0; index -= 1)
        stack.push({ value: value[index], path: [...path, index], depth: depth + 1 });
      continue;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) continue; // a Buffer (!!binary) and the like: the schema refuses it
    const keys = Object.keys(value);
    if (keys.length > MATRIX_LIMITS.listItems)
      fail(path, `expected at most ${MATRIX_LIMITS.listItems} keys, got ${keys.length}`);
    for (const key of keys.reverse()) {
      if (key.length > MATRIX_LIMITS.textChars)
        fail(path, `a key of ${key.length} characters, more than the limit of ${MATRIX_LIMITS.textChars}`);
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], depth: depth + 1 });
    }
  }
}

// `threadgate run`'s flags as yargs hands them over (strings, or arrays when a flag is repeated)
// turned into matrix overrides and a shard, with one InputError line naming the flag for anything
// else. Ranges are then checked by the matrix's own schemas (src/matrix/load-matrix.ts).
import { InputError } from '../core/errors.js';
import type { MatrixOverrides } from '../matrix/load-matrix.js';
import { parseShard } from '../matrix/plan.js';
import { MAX_THREADS, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';

/** The flags of `run` that take one value, as yargs parsed them (unknown: a repeated flag is an array). */
export interface RunFlagValues {
  readonly threads?: unknown;
  readonly modes?: unknown;
  readonly reps?: unknown;
  readonly warmup?: unknown;
  readonly timeout?: unknown;
  readonly shard?: unknown;
  readonly out?: unknown;
  readonly resume?: unknown;
  readonly baseline?: unknown;
}

export interface RunFlags {
  readonly overrides: MatrixOverrides;
  readonly shard: { readonly index: number; readonly count: number } | null;
}

/** Reads and checks every overriding flag; the first bad one throws, naming it. */
export function readRunFlags(argv: RunFlagValues): RunFlags {
  const threads = singleText(argv.threads, 'threads');
  const modes = singleText(argv.modes, 'modes');
  const reps = singleText(argv.reps, 'reps');
  const warmup = singleText(argv.warmup, 'warmup');
  const shard = singleText(argv.shard, 'shard');
  // Flags the caller reads itself must be given once too (an array would reach path functions).
  for (const flag of ['out', 'resume', 'baseline'] as const)
    if (Array.isArray(argv[flag])) singleText(argv[flag], flag);
  return {
    overrides: {
      threads: threads === undefined ? undefined : parseThreadList(threads),
      modes: modes === undefined ? undefined : parseModeList(modes),
      reps: reps === undefined ? undefined : parseCount(reps, 'reps'),
      warmup: warmup === undefined ? undefined : parseCount(warmup, 'warmup'),
      timeout: singleText(argv.timeout, 'timeout'),
    },
    shard: shard === undefined ? null : parseShard(shard),
  };
}

/**
 * One value of a flag that takes one: a repeated flag (yargs makes it an array) is refused rather
 * than one of its values silently winning; `--no-reps` (false) is not a value.
 */
export function singleText(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value))
    throw new InputError(
      `--${flag}: given ${value.length} times (${value.map((item) => JSON.stringify(item)).join(', ')}); give it once`,
    );
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new InputError(`--${flag}: expected a value, got ${JSON.stringify(value)}`);
  return value;
}

/** A whole number as a person writes it (`3`, `1e3`); the schema checks its range and names the limit. */
function parseCount(text: string, flag: string): number {
  if (!/^\s*[+-]?\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(text))
    throw new InputError(`--${flag}: expected a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** `--threads 1,2,4` → [1, 2, 4], naming the flag on a bad value. */
export function parseThreadList(text: string): number[] {
  const parts = text.split(',');
  if (parts.length > MAX_THREADS)
    throw new InputError(`--threads: expected at most ${MAX_THREADS} thread counts, got ${parts.length}`);
  return parts.map((part) => {
    if (!/^\s*[+-]?\d+\s*$/.test(part))
      throw new InputError(`--threads: expected integers separated by commas, got ${JSON.stringify(text)}`);
    return Number(part);
  });
}

/** `--modes selective,sequential` → modes, naming the flag on a bad value. */
export function parseModeList(text: string): ThreadingMode[] {
  const parts = text.split(',');
  if (parts.length > THREADING_MODES.length)
    throw new InputError(`--modes: expected at most ${THREADING_MODES.length} modes, got ${parts.length}`);
  return parts.map((part) => {
    const mode = part.trim();
    if (!(THREADING_MODES as readonly string[]).includes(mode)) {
      throw new InputError(`--modes: expected ${THREADING_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
    }
    return mode as ThreadingMode;
  });
}

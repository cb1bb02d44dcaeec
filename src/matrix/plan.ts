// Expands a resolved matrix into the ordered list of process launches, and deals configurations to
// shards. Interleaving (asv's rounds) makes machine drift hit every configuration alike.
import { createRandom } from '../core/prng.js';
import { InputError } from '../core/errors.js';
import { MATRIX_LIMITS } from './limits.js';
import {
  configKey,
  THREADING_MODES,
  type Configuration,
  type Plan,
  type PlannedRun,
  type ResolvedMatrix,
} from './types.js';

/** threads × modes, plus the reference configuration when it is not among them (it is always run). */
export function listConfigurations(matrix: ResolvedMatrix): Configuration[] {
  const configurations: Configuration[] = [];
  for (const threads of matrix.threads) for (const mode of matrix.modes) configurations.push({ threads, mode });
  if (!configurations.some((config) => configKey(config) === configKey(matrix.reference)))
    configurations.push(matrix.reference);
  const modeRank = (config: Configuration) => THREADING_MODES.indexOf(config.mode);
  return configurations.sort((a, b) => a.threads - b.threads || modeRank(a) - modeRank(b));
}

/** `2/4` → { index: 2, count: 4 }, with one clear error for anything else. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/4), got "${text}"`);
  }
  if (count > MATRIX_LIMITS.shards)
    throw new InputError(`--shard: expected at most ${MATRIX_LIMITS.shards} shards, got ${count}`);
  return { index, count };
}

function runOf(config: Configuration, rep: number, warmup: boolean): PlannedRun {
  return {
    id: `${configKey(config)}-${warmup ? 'w' : 'r'}${rep}`,
    threads: config.threads,
    mode: config.mode,
    rep,
    warmup,
  };
}

/** Fisher–Yates with a seeded generator: the same seed always gives the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** The configurations of shard K of N: dealt round-robin, the reference in every shard so each can judge itself. */
function shardConfigurations(
  all: readonly Configuration[],
  reference: Configuration,
  shard: { index: number; count: number },
): Configuration[] {
  return all.filter(
    (config, position) => position % shard.count === shard.index - 1 || configKey(config) === configKey(reference),
  );
}

/** Configurations × (warmup + repetitions), in execution order. */
export function expandPlan(matrix: ResolvedMatrix, options: { shard?: { index: number; count: number } } = {}): Plan {
  // An adaptive or predicted search plans its rounds as it goes (src/search): its plan starts empty.
  const strategy = matrix.search?.strategy ?? 'exhaustive';
  if (strategy !== 'exhaustive') {
    if (options.shard)
      throw new InputError(
        `--shard: a search (${strategy}) cannot be split into shards (each round depends on the ones before); use search: exhaustive`,
      );
    return { matrix, runs: [], shard: null };
  }
  const all = listConfigurations(matrix);
  const configurations = options.shard ? shardConfigurations(all, matrix.reference, options.shard) : all;
  const runs: PlannedRun[] = [];
  if (matrix.order === 'grouped') {
    for (const config of configurations) {
      for (let w = 1; w <= matrix.warmup; w += 1) runs.push(runOf(config, w, true));
      for (let r = 1; r <= matrix.repetitions; r += 1) runs.push(runOf(config, r, false));
    }
  } else {
    // One round per warmup index, then one per repetition; each round visits every configuration once.
    let round = 0;
    for (let w = 1; w <= matrix.warmup; w += 1, round += 1) {
      for (const config of shuffled(configurations, matrix.orderSeed + round)) runs.push(runOf(config, w, true));
    }
    for (let r = 1; r <= matrix.repetitions; r += 1, round += 1) {
      for (const config of shuffled(configurations, matrix.orderSeed + round)) runs.push(runOf(config, r, false));
    }
  }
  return { matrix, runs, shard: options.shard ?? null };
}

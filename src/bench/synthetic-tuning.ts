// Seeded synthetic tuning runs for `npm run bench:search`: each case is a matrix and a sample source
// (configuration, k-th timed sample → wall time). Curves follow the USL per mode; noise is lognormal,
// 2–10% per run in all (a quarter of its variance a drift shared by the round), with occasional slow
// outliers (3% of runs, +20–60%).
import { createRandom, deriveSeed } from '../core/prng.js';
import { predictSpeedup } from '../analysis/scaling-model.js';
import { resolveMatrix } from '../matrix/load-matrix.js';
import { configKey, type Configuration, type ResolvedMatrix, type ThreadingMode } from '../matrix/types.js';
import type { CompactSchedule } from '../schedules/types.js';

/** One replayable case: the k-th timed sample of a configuration (null when there is none). */
export interface TuningCase {
  readonly label: string;
  readonly matrix: ResolvedMatrix;
  sample(config: Configuration, k: number): number | null;
  /** The true median wall time of a configuration (synthetic cases only). */
  trueMs?(config: Configuration): number;
  /** The schedule of the k-th run of a configuration (cases a predicted search can replay). */
  schedule?(config: Configuration, k: number): CompactSchedule | null;
  /** Logical cores of the machine the case is measured on (default 16). */
  readonly cores?: number;
}

/** Shapes of matrix the cases take: tuning.yaml's and a nightly-sized one. */
const SHAPES = [
  {
    threads: [1, 2, 4, 8],
    modes: ['selective', 'aggressive'] as ThreadingMode[],
    reference: { threads: 1, mode: 'selective' as ThreadingMode },
  },
  {
    threads: [1, 2, 4, 8, 16],
    modes: ['sequential', 'selective', 'aggressive'] as ThreadingMode[],
    reference: { threads: 1, mode: 'sequential' as ThreadingMode },
  },
];

/** Per-mode ranges of the USL's contention σ: sequential barely scales, aggressive most. */
const SIGMA_RANGE: Record<ThreadingMode, [number, number]> = {
  sequential: [0.6, 0.95],
  selective: [0.1, 0.6],
  aggressive: [0.0, 0.5],
};

export function drawNormal(random: () => number): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A matrix as a user would write it, resolved with the defaults (5 repetitions, 1 warmup). */
export function buildBenchMatrix(
  shape: (typeof SHAPES)[number],
  budget: string | number | null,
  seed: number,
): ResolvedMatrix {
  return resolveMatrix(
    {
      name: 'bench',
      target: { kind: 'builtin' },
      threads: shape.threads,
      modes: shape.modes,
      repetitions: 5,
      warmup: 1,
      orderSeed: seed,
      reference: shape.reference,
      recommendation: { tolerance: 0.05, memoryBudget: null },
      search: 'adaptive',
      ...(budget === null ? {} : { searchBudget: budget }),
    },
    null,
  );
}

/** Case `index` of the synthetic set: its curve, noise and outliers all follow from `seed`. */
export function buildSyntheticCase(seed: number, index: number, budget: string | number | null): TuningCase {
  const random = createRandom(deriveSeed(seed, `case:${index}`));
  const shape = SHAPES[index % SHAPES.length]!;
  // Total noise 2–10% per run: a quarter of its variance a drift shared by the round, the rest the run's own.
  const noise = 0.02 + random() * 0.08;
  const drift = noise / 2;
  const own = noise * Math.sqrt(0.75);
  const outlierChance = 0.03;
  const curves = new Map<ThreadingMode, { sigma: number; kappa: number; oneThreadMs: number }>();
  for (const mode of shape.modes) {
    const [low, high] = SIGMA_RANGE[mode];
    const sigma = low + random() * (high - low);
    const kappa = random() < 0.2 ? 0 : Math.exp(Math.log(0.002) + random() * Math.log(0.12 / 0.002));
    curves.set(mode, { sigma, kappa, oneThreadMs: 10_000 * (0.95 + random() * 0.1) });
  }
  const trueMs = (config: Configuration): number => {
    const curve = curves.get(config.mode)!;
    return curve.oneThreadMs / predictSpeedup(config.threads, curve.sigma, curve.kappa);
  };
  const matrix = buildBenchMatrix(shape, budget, index + 1);
  return {
    label: `synthetic #${index} (noise ${(noise * 100).toFixed(1)}%)`,
    matrix,
    trueMs,
    sample(config, k) {
      const roundRandom = createRandom(deriveSeed(seed, `case:${index}:round:${k}`));
      const runRandom = createRandom(deriveSeed(seed, `case:${index}:${configKey(config)}:${k}`));
      const outlier = runRandom() < outlierChance ? 1.2 + runRandom() * 0.4 : 1;
      return trueMs(config) * Math.exp(drift * drawNormal(roundRandom) + own * drawNormal(runRandom)) * outlier;
    },
  };
}

// Resolves the matrix keys about the machine's conditions around the runs: memory stress
// (`stress`, `--stress-memory`, `--stress-limit`) and noisy-machine detection (`noise`, `--rerun-noisy`).
import { z } from 'zod';
import { MATRIX_DEFAULTS } from './defaults.js';
import type { MatrixFile } from './schema.js';
import { stressSchema } from './schema.js';
import type { NoiseSettings, StressSettings } from './types.js';
import { parseMemoryBudget } from './units.js';

/** The command-line flags of this concern, checked with the file's own schemas. */
export const CONDITION_OVERRIDE_SCHEMAS = {
  'stress-memory': stressSchema.shape.memory,
  'stress-limit': stressSchema.shape.limit.unwrap(),
  'rerun-noisy': z
    .int()
    .min(0, { error: 'expected an integer from 0 to 10' })
    .max(10, { error: 'expected an integer from 0 to 10' }),
} as const;

/** Flag values that override the file's `stress` and `noise` keys. */
export interface ConditionOverrides {
  readonly 'stress-memory'?: string;
  readonly 'stress-limit'?: string;
  readonly 'rerun-noisy'?: number;
}

function parseSize(value: string | number): number {
  const parsed = parseMemoryBudget(value);
  if (parsed === null || !('bytes' in parsed)) throw new Error(`not a size: ${String(value)}`);
  return parsed.bytes;
}

/** `stress` and `noise` of the resolved matrix; `fail` names the key path of a bad combination. */
export function resolveConditions(
  file: Pick<MatrixFile, 'stress' | 'noise'>,
  overrides: ConditionOverrides,
  fail: (keyPath: string, message: string) => never,
): { stress: StressSettings | null; noise: NoiseSettings } {
  const memory = overrides['stress-memory'] ?? file.stress?.memory;
  const limit = overrides['stress-limit'] ?? file.stress?.limit;
  if (memory === undefined && limit !== undefined) {
    fail(
      overrides['stress-limit'] !== undefined ? '--stress-limit' : 'stress.limit',
      'a limit without stress.memory holds nothing; add stress.memory (e.g. "70%")',
    );
  }
  const parsedMemory = memory === undefined ? null : parseMemoryBudget(memory);
  const fraction = parsedMemory !== null && 'fraction' in parsedMemory ? parsedMemory.fraction : null;
  if (fraction !== null && (fraction <= 0 || fraction >= 1)) {
    fail(
      overrides['stress-memory'] !== undefined ? '--stress-memory' : 'stress.memory',
      `expected a share between 0% and 100% (exclusive), got ${String(memory)}`,
    );
  }
  return {
    stress:
      parsedMemory === null
        ? null
        : { memory: parsedMemory, limitBytes: limit === undefined ? null : parseSize(limit) },
    noise: {
      thresholdCores: file.noise?.threshold ?? MATRIX_DEFAULTS.noise.threshold,
      rerun: overrides['rerun-noisy'] ?? file.noise?.rerun ?? MATRIX_DEFAULTS.noise.rerun,
    },
  };
}

/** The noise settings of a matrix, the defaults for plans written before the key existed. */
export function readNoiseSettings(matrix: { readonly noise?: NoiseSettings }): NoiseSettings {
  return matrix.noise ?? { thresholdCores: MATRIX_DEFAULTS.noise.threshold, rerun: MATRIX_DEFAULTS.noise.rerun };
}

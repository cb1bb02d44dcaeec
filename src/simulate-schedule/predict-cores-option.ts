// `--predict-cores N`: the core count a prediction is also made for ("on a 16-core machine this
// schedule would give ..."); shared by `report` and `whatif`.
import { InputError } from '../core/errors.js';

/** Largest core count accepted: beyond it the contention model is an extrapolation of nothing. */
export const MAX_PREDICT_CORES = 1024;

/** The yargs option. */
export const PREDICT_CORES_OPTION = {
  // A string, checked here: yargs turns "abc" into NaN, which the message could only echo as NaN.
  type: 'string',
  describe: 'also predict each configuration on a machine with N cores (a prediction, marked so in the reports)',
} as const;

/** The validated value, or null when not given; an InputError (exit 2) naming the flag otherwise. */
export function resolvePredictCores(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  const cores = /^\s*\d+\s*$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isInteger(cores) || cores < 1 || cores > MAX_PREDICT_CORES) {
    throw new InputError(
      `--predict-cores: expected a whole number of cores from 1 to ${MAX_PREDICT_CORES}, got ${JSON.stringify(String(value))}`,
    );
  }
  return cores;
}

// `run`'s flags for the machine's conditions: memory stress and noisy-sample re-runs. Their values
// are checked by the matrix's own schemas (src/matrix/conditions.ts), so errors name the flag.
import type { Argv } from 'yargs';
import { InputError } from '../core/errors.js';
import type { ConditionOverrides } from '../matrix/conditions.js';
import { singleText } from './run-flags.js';

/** Registers --stress-memory, --stress-limit and --rerun-noisy. */
export function addConditionOptions<T>(yargs: Argv<T>): Argv<T> {
  return yargs
    .option('stress-memory', {
      type: 'string',
      describe: 'hold this much memory in a helper for the whole matrix: 70%, 16GB (overrides stress.memory)',
    })
    .option('stress-limit', {
      type: 'string',
      describe: 'confine the helper and the runs to a memory cgroup of this size, e.g. 4GB (overrides stress.limit)',
    })
    .option('rerun-noisy', {
      type: 'string',
      describe: 're-run a timed run measured on a noisy machine up to N times (overrides noise.rerun)',
    }) as unknown as Argv<T>;
}

/** A whole number; its range is checked by the matrix's schema, which names the limit. */
function parseRerunCount(text: string): number {
  if (!/^\s*\d+\s*$/.test(text))
    throw new InputError(`--rerun-noisy: expected a whole number from 0 to 10, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The flags' values as matrix overrides (undefined when not given). */
export function readConditionFlags(argv: {
  readonly stressMemory?: unknown;
  readonly stressLimit?: unknown;
  readonly rerunNoisy?: unknown;
}): ConditionOverrides {
  const rerun = singleText(argv.rerunNoisy, 'rerun-noisy');
  return {
    'stress-memory': singleText(argv.stressMemory, 'stress-memory'),
    'stress-limit': singleText(argv.stressLimit, 'stress-limit'),
    'rerun-noisy': rerun === undefined ? undefined : parseRerunCount(rerun),
  };
}

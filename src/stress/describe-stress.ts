// One sentence about a matrix's memory stress, for the progress stream and every report.
import { formatBytes, formatPercent } from '../core/format.js';
import type { StressSettings } from '../matrix/types.js';

/** "memory stress: a helper held 16.4 GiB (70% of the machine) …"; null without stress. */
export function describeStress(stress: StressSettings | null | undefined, heldBytes: number | null): string | null {
  if (!stress) return null;
  const share =
    'fraction' in stress.memory
      ? ` (${formatPercent(stress.memory.fraction)} of ${stress.limitBytes !== null ? 'the cgroup' : 'the machine'})`
      : '';
  const where =
    stress.limitBytes !== null
      ? `, the runs confined with it to a ${formatBytes(stress.limitBytes)} memory cgroup`
      : '';
  return `memory stress: a helper held ${heldBytes === null ? 'memory' : formatBytes(heldBytes)}${share} for the whole matrix${where}`;
}

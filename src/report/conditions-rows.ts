// The machine's conditions during a matrix in a few sentences, so every report says that it ran
// under memory stress (and how much was held), which runs were noisy and which the OOM killer took.
import { formatBytes } from '../core/format.js';
import { readNoiseSettings } from '../matrix/conditions.js';
import { describeStress } from '../stress/describe-stress.js';
import { resolveStressBytes } from '../stress/stress-amount.js';
import type { Report } from './types.js';

/** One line per condition that applied; empty when none did. */
export function describeConditions(report: Report): string[] {
  const lines: string[] = [];
  const held = report.runs.map((run) => run.stressBytes).filter((bytes): bytes is number => bytes !== undefined);
  const stress = report.matrix.stress
    ? describeStress(report.matrix.stress, resolveStressBytes(report.matrix.stress, report.hardware.memoryBytes))
    : null;
  if (stress) {
    const lost = held.filter((bytes) => bytes === 0).length;
    const range =
      held.length > 0
        ? `; the helper's resident memory at the end of each run: ${formatBytes(Math.min(...held))}–${formatBytes(Math.max(...held))}`
        : '';
    lines.push(
      `${stress[0]!.toUpperCase()}${stress.slice(1)}${range}${lost > 0 ? ` (the helper was gone at the end of ${lost} run(s): those ran without it)` : ''}.`,
    );
  }
  const judged = report.runs.filter((run) => run.noisy !== undefined);
  if (judged.length > 0) {
    const noisy = judged.filter((run) => run.noisy);
    const meanOutside = judged.reduce((sum, run) => sum + (run.outsideCores ?? 0), 0) / judged.length;
    const threshold = readNoiseSettings(report.matrix).thresholdCores;
    lines.push(
      noisy.length === 0
        ? `Noise: no run was measured with more than ${threshold} cores of other work (mean ${meanOutside.toFixed(2)} cores).`
        : `Noise: ${noisy.length} of ${judged.length} run(s) were measured with more than ${threshold} cores of other work beside them (mean ${meanOutside.toFixed(2)} cores): ${noisy
            .slice(0, 8)
            .map((run) => run.id)
            .join(', ')}${noisy.length > 8 ? ', …' : ''}.`,
    );
  }
  const oom = report.runs.filter((run) => run.status === 'oom');
  if (oom.length > 0)
    lines.push(
      `OOM: ${oom.length} run(s) killed by the kernel's OOM killer: ${oom
        .slice(0, 8)
        .map((run) => run.id)
        .join(', ')}${oom.length > 8 ? ', …' : ''}.`,
    );
  return lines;
}

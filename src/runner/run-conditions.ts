// The machine's conditions around a run, as its journal record carries them: other work beside it
// (noise), the memory stress helper's hold, and whether the kernel's OOM killer ended it. Also the
// rule for re-running a noisy sample, which --resume must follow the same way.
import { readNoiseSettings } from '../matrix/conditions.js';
import type { ResolvedMatrix } from '../matrix/types.js';
import { judgeNoise } from '../monitor/noise.js';
import type { TimelineSummary } from '../monitor/types.js';
import type { MemoryConditions } from '../stress/run-watch.js';
import type { RunRecord } from '../core/run-record.js';

/** The record fields of this concern (absent ones are left out, as in journals written before). */
export function describeRunConditions(
  matrix: ResolvedMatrix,
  summary: TimelineSummary | undefined,
  memory: MemoryConditions | null,
): Pick<RunRecord, 'outsideCores' | 'stealCores' | 'noisy' | 'stressBytes'> {
  const noise = judgeNoise(summary, readNoiseSettings(matrix).thresholdCores);
  return {
    ...(noise ?? {}),
    ...(memory?.stressBytes !== null && memory?.stressBytes !== undefined ? { stressBytes: memory.stressBytes } : {}),
  };
}

/** Re-runs already spent per run id: the superseded records of the journal (so --resume keeps the bound). */
export function countReruns(records: readonly RunRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) if (record.superseded) counts.set(record.id, (counts.get(record.id) ?? 0) + 1);
  return counts;
}

/**
 * The record as journaled: a noisy, successful timed run with re-runs left is marked superseded
 * (its database goes with it: the re-run starts from an empty folder) and `reruns` counts it.
 */
export function supersedeIfNoisy(record: RunRecord, matrix: ResolvedMatrix, reruns: Map<string, number>): RunRecord {
  const spent = reruns.get(record.id) ?? 0;
  if (record.warmup || record.status !== 'ok' || record.noisy !== true || spent >= readNoiseSettings(matrix).rerun)
    return record;
  reruns.set(record.id, spent + 1);
  return { ...record, superseded: true, database: null };
}

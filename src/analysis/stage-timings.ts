// The target's own per-stage timings (PlanAlign's structured telemetry: `2025/FOUNDATION` …) summarized
// per configuration: which stage of the orchestrator a thread count or mode actually changes (pure).
import { median } from 'simple-statistics';
import { configKey, type ThreadingMode } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';

/** One stage's median duration in one configuration, over its timed successful runs. */
export interface StageTiming {
  readonly stage: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly medianMs: number;
  readonly runs: number;
}

/** Stage names in the order the runs reported them (first seen first), so years and stages read in pipeline order. */
function listStageNames(runs: readonly RunRecord[]): string[] {
  const names: string[] = [];
  for (const run of runs) for (const stage of run.stages ?? []) if (!names.includes(stage.name)) names.push(stage.name);
  return names;
}

/** Median duration of every reported stage per configuration; empty when the target reports none. */
export function summarizeStageTimings(runs: readonly RunRecord[]): StageTiming[] {
  const timed = runs.filter((run) => run.status === 'ok' && !run.warmup && (run.stages?.length ?? 0) > 0);
  const byKey = new Map<string, { threads: number; mode: ThreadingMode; samples: Map<string, number[]> }>();
  for (const run of timed) {
    const key = configKey(run);
    const entry = byKey.get(key) ?? { threads: run.threads, mode: run.mode, samples: new Map<string, number[]>() };
    byKey.set(key, entry);
    // A stage reported twice in one run (a retry) counts with its total time.
    const totals = new Map<string, number>();
    for (const stage of run.stages) totals.set(stage.name, (totals.get(stage.name) ?? 0) + stage.ms);
    for (const [name, ms] of totals) entry.samples.set(name, [...(entry.samples.get(name) ?? []), ms]);
  }
  const order = listStageNames(timed);
  const rows: StageTiming[] = [];
  for (const { threads, mode, samples } of [...byKey.values()].sort(
    (a, b) => a.threads - b.threads || a.mode.localeCompare(b.mode),
  )) {
    for (const stage of order) {
      const values = samples.get(stage);
      if (values) rows.push({ stage, threads, mode, medianMs: median(values), runs: values.length });
    }
  }
  return rows;
}

// A schedule in the Chrome Trace Event Format (the `traceEvents` JSON that Perfetto and
// chrome://tracing open): one complete event (ph "X") per task, ts/dur in microseconds, one thread
// (tid) per slot, named "slot N".
import type { Schedule } from './types.js';

/** One trace event; only the fields this file writes. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'M';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** The trace document of one run's schedule (`runId` names the process). */
export function buildTrace(schedule: Schedule, runId: string): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms' } {
  const pid = 1;
  const slots = [...new Set(schedule.tasks.map((t) => t.slot))].sort((a, b) => a - b);
  const names: TraceEvent[] = [
    { name: 'process_name', ph: 'M', pid, tid: 0, args: { name: runId } },
    ...slots.map(
      (slot): TraceEvent => ({ name: 'thread_name', ph: 'M', pid, tid: slot, args: { name: `slot ${slot}` } }),
    ),
  ];
  const tasks = schedule.tasks.map(
    (t): TraceEvent => ({
      name: t.year === null ? t.model : `${t.model} ${t.year}`,
      cat: t.modelClass ?? 'task',
      ph: 'X',
      pid,
      tid: t.slot,
      ts: Math.round(t.startMs * 1000),
      dur: Math.round((t.finishMs - t.startMs) * 1000),
      args: {
        dependsOn: t.dependsOn
          .map((d) => schedule.tasks[d]!)
          .map((d) => (d.year === null ? d.model : `${d.model} ${d.year}`)),
      },
    }),
  );
  return { traceEvents: [...names, ...tasks], displayTimeUnit: 'ms' };
}

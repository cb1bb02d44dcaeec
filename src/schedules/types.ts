// The schedule of one run: which model ran when, on which slot, after which others. Every source
// (the built-in orchestrator's run_metadata, a command target's table or JSON-lines file, dbt's
// log and artifacts) is read into this one shape, and the analysis and charts read only it.
import type { RunContext } from '../targets/types.js';

/** One model execution. */
export interface ScheduledTask {
  readonly model: string;
  /** Simulation year, when the source knows it. */
  readonly year: number | null;
  /** The orchestrator's class for the model (SEQUENTIAL, PARALLEL_SAFE, ...), when known. */
  readonly modelClass: string | null;
  /** Milliseconds since the schedule's origin (the earliest start is usually near 0). */
  readonly startMs: number;
  readonly finishMs: number;
  /** The worker (thread, connection) it ran on, 0-based. */
  readonly slot: number;
  /** Indices (into the schedule's tasks) of the tasks it waited for. */
  readonly dependsOn: readonly number[];
}

/** A run's schedule: tasks in start order, dependencies pointing at earlier-listed tasks or not. */
export interface Schedule {
  readonly tasks: readonly ScheduledTask[];
}

/**
 * A task as a source reads it, before names are resolved: dependencies are model names, `name`
 * meaning the task of that name in the same year (else the only task of that name), `name@year`
 * the task of that name in that year; a task's `id` matches first. Names that match no task (dbt
 * sources) are dropped.
 */
export interface RawTask {
  /** A key unique in the run, when names repeat within a year (dbt calls): dependencies may name it. */
  readonly id?: string;
  readonly model: string;
  readonly year: number | null;
  readonly modelClass: string | null;
  readonly startMs: number;
  readonly finishMs: number;
  /** null when the source does not say: slots are then assigned as a greedy lane packing. */
  readonly slot: number | null;
  readonly dependsOn: readonly string[];
}

export type { CompactSchedule, CompactTask } from '../core/schedule-record.js';

/** Where one finished run's schedule comes from. */
export interface ScheduleSource {
  /** Short description for messages, e.g. "table run_metadata of the run database". */
  readonly describe: string;
  /** Reads a finished run's raw tasks; throws an Error naming the file and the problem when it cannot. */
  read(context: RunContext): Promise<RawTask[]>;
}

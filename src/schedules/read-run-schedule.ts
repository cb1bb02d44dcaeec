// After a run ends: picks its target's schedule source, reads the schedule, writes runs/<id>/trace.json
// and returns the compact form for the journal. A schedule that cannot be read is recorded as an
// error beside the run, never a failed run: the run's output and timings stand on their own.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TargetSpec } from '../matrix/types.js';
import type { RunContext } from '../targets/types.js';
import { buildSchedule } from './build-schedule.js';
import { compactSchedule, expandSchedule } from './compact-schedule.js';
import { planalignWorkingCopy } from '../targets/planalign-target.js';
import { createDbtSource } from './dbt-source.js';
import { createJsonLinesSource } from './jsonl-source.js';
import { createTableSource, readScheduleTable, type ScheduleTableReader } from './table-source.js';
import { buildTrace } from './trace-events.js';
import type { CompactSchedule, ScheduleSource } from './types.js';

/** The trace file in each run's folder. */
export const TRACE_FILE = 'trace.json';

/** What the journal keeps of a run's schedule. */
export interface RunSchedule {
  readonly schedule: CompactSchedule | null;
  /** Why there is no schedule although the target has a source (unreadable, missing table...). */
  readonly scheduleError: string | null;
}

/**
 * The schedule source of a target: the built-in orchestrator's run_metadata, a command target's
 * `schedule:`, and for PlanAlign the dbt files of the run's private working copy (every dbt call of
 * the run appends to its logs/dbt.log; target/manifest.json holds the dependencies).
 */
export function scheduleSourceFor(
  target: TargetSpec,
  readTable: ScheduleTableReader = readScheduleTable,
): ScheduleSource | null {
  if (target.kind === 'builtin') return createTableSource('run_metadata', readTable);
  if (target.kind === 'planalign') return createDbtSource((context) => path.join(planalignWorkingCopy(context), 'dbt'));
  if (target.kind === 'command' && target.schedule) {
    return 'table' in target.schedule
      ? createTableSource(target.schedule.table, readTable)
      : createJsonLinesSource(target.schedule.file, target.cwd);
  }
  return null;
}

/** Reads a finished run's schedule and writes its trace.json into `folder`. */
export async function readRunSchedule(
  source: ScheduleSource | null,
  context: RunContext,
  folder: string,
): Promise<RunSchedule> {
  if (source === null) return { schedule: null, scheduleError: null };
  try {
    const schedule = buildSchedule(await source.read(context));
    if (schedule.tasks.length === 0) return { schedule: null, scheduleError: `${source.describe}: no tasks` };
    const compact = compactSchedule(schedule);
    await writeFile(path.join(folder, TRACE_FILE), JSON.stringify(buildTrace(expandSchedule(compact), context.run.id)));
    return { schedule: compact, scheduleError: null };
  } catch (error) {
    return { schedule: null, scheduleError: `${source.describe}: ${(error as Error).message}` };
  }
}

// A real 5-year schedule of the built-in orchestrator for the benches that replay one
// (bench:predict, bench:search's predicted cases): one `threadgate simulate` process at 1 thread.
// Measured afresh it differs from one invocation to the next (timings are real), and so do the
// figures built on it: BENCH_REFERENCE_SCHEDULE=FILE pins it (written there when the file is absent,
// read from it after), so that two invocations, before and after a change, replay the same schedule.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_ENTRY } from '../core/package-info.js';
import { buildSchedule } from '../schedules/build-schedule.js';
import { readScheduleTable } from '../schedules/table-source.js';
import type { ReferenceSchedule } from '../simulate-schedule/calibrate.js';
import { writeFileAtomically } from '../core/atomic-write.js';

/** The reference schedule: pinned in $BENCH_REFERENCE_SCHEDULE when given (see above), else measured now. */
export async function loadReferenceSchedule(): Promise<ReferenceSchedule> {
  const file = process.env.BENCH_REFERENCE_SCHEDULE;
  if (file && existsSync(file)) {
    process.stderr.write(`reference schedule: read from ${file}\n`);
    return readPinnedSchedule(file);
  }
  const reference = await simulateReference();
  if (file) {
    await writeFileAtomically(file, `${JSON.stringify(reference)}\n`);
    process.stderr.write(`reference schedule: measured now, written to ${file}\n`);
  }
  return reference;
}

/** A schedule this module wrote; anything else is one line naming the file and exit 2, not a stack trace. */
function readPinnedSchedule(file: string): ReferenceSchedule {
  try {
    const pinned = JSON.parse(readFileSync(file, 'utf8')) as ReferenceSchedule;
    if (Array.isArray(pinned?.schedule?.tasks) && typeof pinned.measuredOn?.cores === 'number') return pinned;
  } catch {
    // Reported below, as a file that is not a pinned schedule.
  }
  process.stderr.write(
    `bench: BENCH_REFERENCE_SCHEDULE ${file}: not a schedule this bench wrote; delete it to measure and pin a new one\n`,
  );
  process.exit(2);
}

/** A 5-year 1-thread schedule of the built-in orchestrator, from one simulate process. */
async function simulateReference(): Promise<ReferenceSchedule> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-predict-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        CLI_ENTRY,
        'simulate',
        '--threads',
        '1',
        '--mode',
        'selective',
        '--years',
        '2025-2029',
        '--employees',
        '5000',
        '--database',
        path.join(dir, 'db.duckdb'),
        '--json',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
    );
    if (result.status !== 0) throw new Error(`simulate failed: ${result.stderr}`);
    const schedule = buildSchedule(await readScheduleTable(path.join(dir, 'db.duckdb'), 'run_metadata'));
    return { schedule, measuredOn: { threads: 1, cores: os.availableParallelism() }, runId: 'simulate' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

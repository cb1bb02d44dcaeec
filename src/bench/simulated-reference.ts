// A real 5-year schedule of the built-in orchestrator for the benches that replay one
// (bench:predict, bench:search's predicted cases): one `threadgate simulate` process at 1 thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_ENTRY } from '../core/package-info.js';
import { buildSchedule } from '../schedules/build-schedule.js';
import { readScheduleTable } from '../schedules/table-source.js';
import type { ReferenceSchedule } from '../simulate-schedule/calibrate.js';

/** A 5-year 1-thread schedule of the built-in orchestrator, from one simulate process. */
export async function simulateReference(): Promise<ReferenceSchedule> {
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

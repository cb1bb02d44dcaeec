// The built-in orchestrator's run_metadata, from real `threadgate simulate` processes, read through
// the table source: every model has a slot below the thread count, no slot runs two models at once,
// and every recorded dependency finished before its dependant started, across years too.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSchedule } from '../../src/schedules/analyze-schedule.js';
import { buildSchedule } from '../../src/schedules/build-schedule.js';
import { readScheduleTable } from '../../src/schedules/table-source.js';
import type { Schedule } from '../../src/schedules/types.js';
import { ensureBuilt, runSimulate } from '../orchestrator/simulate-helpers.js';

let dir: string;
beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tg-builtin-schedule-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function simulateSchedule(threads: number, mode: string): Promise<Schedule> {
  const database = path.join(dir, `t${threads}-${mode}.duckdb`);
  const result = runSimulate([
    '--threads',
    String(threads),
    '--mode',
    mode,
    '--years',
    '2025-2026',
    '--employees',
    '1500',
    '--seed',
    '7',
    '--database',
    database,
  ]);
  expect(result.status, result.stderr).toBe(0);
  return buildSchedule(await readScheduleTable(database, 'run_metadata'));
}

const find = (schedule: Schedule, model: string, year: number) =>
  schedule.tasks.findIndex((t) => t.model === model && t.year === year);
const named = (schedule: Schedule, index: number) =>
  schedule.tasks[index]!.dependsOn.map((d) => `${schedule.tasks[d]!.model} ${schedule.tasks[d]!.year}`);

function checkConsistent(schedule: Schedule, threads: number): void {
  for (const [i, task] of schedule.tasks.entries()) {
    expect(task.slot, `${task.model} ${task.year} slot`).toBeLessThan(threads);
    for (const d of task.dependsOn) {
      expect(
        schedule.tasks[d]!.finishMs,
        `${task.model} ${task.year} starts after ${schedule.tasks[d]!.model}`,
      ).toBeLessThanOrEqual(task.startMs);
    }
    for (const other of schedule.tasks.slice(i + 1)) {
      if (other.slot !== task.slot) continue;
      const overlap = Math.min(task.finishMs, other.finishMs) - Math.max(task.startMs, other.startMs);
      expect(
        overlap,
        `${task.model} ${task.year} and ${other.model} ${other.year} on slot ${task.slot}`,
      ).toBeLessThanOrEqual(0);
    }
  }
}

describe('run_metadata carries slots and dependencies', () => {
  it('2 threads, aggressive: models on two slots, the writer beside the next year', async () => {
    const schedule = await simulateSchedule(2, 'aggressive');
    checkConsistent(schedule, 2);
    expect(new Set(schedule.tasks.map((t) => t.slot)), 'both slots used').toEqual(new Set([0, 1]));
    expect(named(schedule, find(schedule, 'int_workforce_needs', 2026))).toEqual([
      'int_workforce_start_s0 2026',
      'int_workforce_start_s1 2026',
    ]);
    expect(named(schedule, find(schedule, 'int_workforce_start_s0', 2026)), 'the year follows the last one').toEqual([
      'fct_yearly_events 2025',
      'int_enrollment_state_accumulator 2025',
      'fct_workforce_snapshot 2025',
    ]);
    expect(named(schedule, find(schedule, 'write_outputs', 2026))).toContain('write_outputs 2025');
    const analysis = analyzeSchedule(schedule, 2);
    const path = analysis.criticalPath;
    for (let k = 1; k < path.length; k += 1)
      expect(schedule.tasks[path[k]!]!.dependsOn, 'the critical path is a chain').toContain(path[k - 1]);
    expect(analysis.criticalPathMs).toBeLessThanOrEqual(analysis.workMs);
    expect(analysis.boundMs, 'no run beats the bound').toBeLessThanOrEqual(analysis.makespanMs + 1);
  }, 120_000);

  it('1 thread: one slot, and the next year waits for the write', async () => {
    const schedule = await simulateSchedule(1, 'sequential');
    checkConsistent(schedule, 1);
    expect(named(schedule, find(schedule, 'int_workforce_start_s0', 2026))).toEqual(['write_outputs 2025']);
    const analysis = analyzeSchedule(schedule, 1);
    expect(analysis.boundMs, 'one slot: the bound is the work').toBe(analysis.workMs);
  }, 120_000);
});

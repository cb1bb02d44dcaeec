// Brent's bound, the critical path and the waiting split on hand-built schedules: exact numbers.
import { describe, expect, it } from 'vitest';
import { analyzeSchedule, findCriticalPath } from '../../src/schedules/analyze-schedule.js';
import type { Schedule, ScheduledTask } from '../../src/schedules/types.js';

const task = (
  model: string,
  startMs: number,
  finishMs: number,
  slot: number,
  dependsOn: number[] = [],
): ScheduledTask => ({
  model,
  year: null,
  modelClass: null,
  startMs,
  finishMs,
  slot,
  dependsOn,
});

describe('critical path and bound', () => {
  // A(10) -> B(20) -> D(10), A -> C(5) -> D, on 2 slots.
  const diamond: Schedule = {
    tasks: [task('A', 0, 10, 0), task('B', 10, 30, 0, [0]), task('C', 10, 15, 1, [0]), task('D', 30, 40, 0, [1, 2])],
  };

  it('finds the longest chain by measured durations', () => {
    expect(findCriticalPath(diamond)).toEqual({ path: [0, 1, 3], lengthMs: 40 });
  });

  it('gives W, S, W/S and max(S, W/T)', () => {
    const a = analyzeSchedule(diamond, 2);
    expect(a.workMs, 'W').toBe(45);
    expect(a.criticalPathMs, 'S').toBe(40);
    expect(a.parallelism, 'W/S').toBe(1.125);
    expect(a.boundMs, 'max(40, 45/2)').toBe(40);
    expect(a.makespanMs).toBe(40);
    expect(analyzeSchedule(diamond, 1).boundMs, 'one slot: all the work').toBe(45);
  });

  it('counts idle slots with nothing ready as starved, and nothing else', () => {
    const a = analyzeSchedule(diamond, 2);
    expect([a.contentionMs, a.contendedMs, a.heldBackMs, a.starvedMs]).toEqual([0, 0, 0, 35]);
  });

  it('follows a chain that is not the first-listed dependency', () => {
    const s: Schedule = { tasks: [task('x', 0, 5, 0), task('y', 0, 50, 1), task('z', 50, 60, 0, [0, 1])] };
    expect(findCriticalPath(s)).toEqual({ path: [1, 2], lengthMs: 60 });
  });

  it('refuses a cycle', () => {
    const s: Schedule = { tasks: [task('a', 0, 1, 0, [1]), task('b', 1, 2, 0, [0])] };
    expect(() => analyzeSchedule(s, 1)).toThrow(/cycle/);
  });

  it('gives zeros for an empty schedule', () => {
    const a = analyzeSchedule({ tasks: [] }, 4);
    expect([a.workMs, a.criticalPathMs, a.parallelism, a.boundMs, a.makespanMs]).toEqual([0, 0, 1, 0, 0]);
  });
});

describe('waiting', () => {
  it('counts ready models queued behind one busy slot as contention', () => {
    // Three independent 10 ms models, one slot: B waits 10 ms, C waits 20 ms, all of it for a slot.
    const s: Schedule = { tasks: [task('A', 0, 10, 0), task('B', 10, 20, 0), task('C', 20, 30, 0)] };
    const a = analyzeSchedule(s, 1);
    expect(a.boundMs, 'W/T = 30').toBe(30);
    expect(a.contentionMs, 'task-ms waiting for a slot').toBe(30);
    expect(a.contendedMs, 'time with a model waiting for a slot').toBe(20);
    expect([a.heldBackMs, a.starvedMs]).toEqual([0, 0]);
  });

  it('counts a free slot beside a waiting model as held back (the mode ran one at a time)', () => {
    // Two independent models run one after the other on 2 slots.
    const s: Schedule = { tasks: [task('A', 0, 10, 0), task('B', 10, 20, 0)] };
    const a = analyzeSchedule(s, 2);
    expect(a.heldBackMs, 'slot 1 idle while B was ready').toBe(10);
    expect(a.starvedMs, 'slot 1 idle with nothing ready').toBe(10);
    expect(a.contentionMs).toBe(0);
    expect(a.heldBackMs + a.starvedMs, 'T × makespan − W').toBe(2 * 20 - 20);
  });

  it('starts waiting when the last dependency finished, not before', () => {
    // C depends on A (done at 10) and B (done at 25); it starts at 30: 5 ms of waiting beside a free slot.
    const s: Schedule = {
      tasks: [task('A', 0, 10, 0), task('B', 0, 25, 1), task('D', 10, 40, 0, [0]), task('C', 30, 35, 1, [0, 1])],
    };
    const a = analyzeSchedule(s, 2);
    expect(a.contentionMs).toBe(0);
    expect(a.heldBackMs, 'slot 1 free from 25 to 30 while C was ready').toBe(5);
    expect(a.starvedMs, 'slot 1 idle 35-40 with nothing ready').toBe(5);
  });

  it('splits a queue between the idle slots and the overflow', () => {
    // 2 slots, one busy 0-10 with X; three ready models start only at 10 (two) and 20 (one).
    const s: Schedule = {
      tasks: [task('X', 0, 10, 0), task('a', 10, 20, 0), task('b', 10, 20, 1), task('c', 20, 30, 0)],
    };
    const a = analyzeSchedule(s, 2);
    // 0-10: busy 1, queued 3 -> 1 held back, 2 over; 10-20: busy 2, queued 1 -> 1 over; 20-30: busy 1, idle 1 starved.
    expect(a.heldBackMs).toBe(10);
    expect(a.contentionMs).toBe(2 * 10 + 10);
    expect(a.contendedMs).toBe(20);
    expect(a.starvedMs).toBe(10);
  });
});

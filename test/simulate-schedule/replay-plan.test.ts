import { describe, expect, it } from 'vitest';
import { analyzeSchedule } from '../../src/schedules/analyze-schedule.js';
import type { Schedule, ScheduledTask } from '../../src/schedules/types.js';
import { buildBuiltinPlan, buildDbtPlan } from '../../src/simulate-schedule/build-plan.js';
import { calibrateModel, predictWallMs } from '../../src/simulate-schedule/calibrate.js';
import { computeSpeed, NEUTRAL_MODEL } from '../../src/simulate-schedule/contention-model.js';
import { measureWork } from '../../src/simulate-schedule/measured-work.js';
import { replayPlan } from '../../src/simulate-schedule/replay-plan.js';
import type { ContentionModel } from '../../src/simulate-schedule/types.js';

/** A one-thread schedule of the shape the built-in orchestrator records: A, then B and C beside each other, then D; a write per year. */
function twoYears(): Schedule {
  const tasks: ScheduledTask[] = [];
  let at = 0;
  const add = (model: string, year: number, modelClass: string, ms: number, dependsOn: number[]): number => {
    tasks.push({ model, year, modelClass, startMs: at, finishMs: at + ms, slot: 0, dependsOn });
    at += ms;
    return tasks.length - 1;
  };
  let after: number[] = [];
  for (const year of [2025, 2026]) {
    const a = add('A', year, 'SEQUENTIAL', 100, after);
    const b = add('B', year, 'PARALLEL_SAFE', 100, [a]);
    const c = add('C', year, 'PARALLEL_SAFE', 100, [a]);
    const d = add('D', year, 'CONDITIONAL', 100, [b]);
    after = [add('write_outputs', year, 'WRITER', 50, [c, d])];
  }
  return { tasks };
}

const work = (schedule: Schedule): number[] => schedule.tasks.map((t) => t.finishMs - t.startMs);

describe("replayPlan under the built-in engine's rules", () => {
  it('one thread: every task one after another', () => {
    const schedule = twoYears();
    const plan = buildBuiltinPlan(schedule, work(schedule), { threads: 1, mode: 'selective' });
    expect(replayPlan(plan, { threads: 1, cores: 2 }, NEUTRAL_MODEL).makespanMs, 'sum of the work').toBe(900);
  });

  it('two threads, selective: B and C together, the write beside the next year (it holds a slot), the last write in front', () => {
    const schedule = twoYears();
    const plan = buildBuiltinPlan(schedule, work(schedule), { threads: 2, mode: 'selective' });
    const replay = replayPlan(plan, { threads: 2, cores: 2 }, NEUTRAL_MODEL);
    // 2025: A 0-100, B+C 100-200, D 200-300; write 300-350 beside A(2026) 300-400; B+C 400-500; D 500-600; write 600-650.
    expect(replay.makespanMs, 'makespan').toBe(650);
    expect(Array.from(replay.startMs), 'starts').toEqual([0, 100, 100, 200, 300, 300, 400, 400, 500, 600]);
  });

  it('sequential mode never overlaps and writes in front', () => {
    const schedule = twoYears();
    const plan = buildBuiltinPlan(schedule, work(schedule), { threads: 4, mode: 'sequential' });
    expect(replayPlan(plan, { threads: 4, cores: 4 }, NEUTRAL_MODEL).makespanMs, 'as one thread').toBe(900);
  });

  it('aggressive lets the CONDITIONAL D run beside C', () => {
    const schedule = twoYears();
    schedule.tasks.forEach((t, i) => {
      if (t.model === 'C') (schedule.tasks as ScheduledTask[])[i] = { ...t, finishMs: t.startMs + 200 };
    });
    const selective = replayPlan(
      buildBuiltinPlan(schedule, work(schedule), { threads: 2, mode: 'selective' }),
      { threads: 2, cores: 2 },
      NEUTRAL_MODEL,
    );
    const aggressive = replayPlan(
      buildBuiltinPlan(schedule, work(schedule), { threads: 2, mode: 'aggressive' }),
      { threads: 2, cores: 2 },
      NEUTRAL_MODEL,
    );
    expect(aggressive.makespanMs, "D overlaps C's second 100 ms").toBeLessThan(selective.makespanMs);
  });

  it("never beats Brent's bound of the work it replays, and replays the same way twice", () => {
    const schedule = twoYears();
    for (const threads of [1, 2, 3, 8]) {
      const plan = buildBuiltinPlan(schedule, work(schedule), { threads, mode: 'aggressive' });
      const first = replayPlan(plan, { threads, cores: 16 }, NEUTRAL_MODEL);
      // The bound of the plan's own dependencies (its writes placed for T), durations as its work.
      let at = 0;
      const asScheduled: Schedule = {
        tasks: plan.tasks.map((task) => {
          const startMs = at;
          at += task.workMs;
          return {
            model: task.name,
            year: task.year,
            modelClass: task.modelClass,
            startMs,
            finishMs: at,
            slot: 0,
            dependsOn: task.dependsOn,
          };
        }),
      };
      const bound = analyzeSchedule(asScheduled, threads);
      expect(first.makespanMs, `T=${threads} at least the bound`).toBeGreaterThanOrEqual(bound.criticalPathMs);
      expect(first.makespanMs, `T=${threads} at least W/T`).toBeGreaterThanOrEqual(bound.workMs / threads - 1e-9);
      expect(replayPlan(plan, { threads, cores: 16 }, NEUTRAL_MODEL).makespanMs, 'deterministic').toBe(
        first.makespanMs,
      );
    }
  });
});

describe('the contention model', () => {
  it("slows tasks running side by side and rewards a lone task's extra threads by its parallel gain", () => {
    const model: ContentionModel = { parallelGain: 0.5, interference: 0.25, oversubscription: 0.1, overheadMs: 0 };
    expect(computeSpeed(model, 1, 1, 2), 'one thread alone').toBe(1);
    expect(computeSpeed(model, 1, 2, 2), 'two threads, two cores, alone: 1 + 0.5').toBe(1.5);
    expect(computeSpeed(model, 2, 2, 2), 'two side by side: one core each, 1/1.25').toBe(0.8);
    expect(computeSpeed(model, 4, 4, 2), 'four on two cores: half a core each over 1 + 0.75 + 0.2').toBeCloseTo(
      0.5 / 1.95,
      12,
    );
  });

  it('the work measured from a replayed schedule is the work replayed', () => {
    const model: ContentionModel = { parallelGain: 0.4, interference: 0.2, oversubscription: 0, overheadMs: 0 };
    const schedule = twoYears();
    const plan = buildBuiltinPlan(schedule, work(schedule), { threads: 2, mode: 'selective' });
    const replay = replayPlan(plan, { threads: 2, cores: 2 }, model);
    const replayed: Schedule = {
      tasks: schedule.tasks.map((t, i) => ({ ...t, startMs: replay.startMs[i]!, finishMs: replay.finishMs[i]! })),
    };
    measureWork(replayed, { threads: 2, cores: 2 }, model).forEach((ms, i) => {
      expect(ms, `task ${i}`).toBeCloseTo(work(schedule)[i]!, 6);
    });
  });

  it('calibration finds a model that reproduces measured medians made by a known one', () => {
    const truth: ContentionModel = { parallelGain: 0.3, interference: 0.1, oversubscription: 0.02, overheadMs: 400 };
    const schedule = twoYears();
    const reference = { schedule, measuredOn: { threads: 1, cores: 2 }, runId: 'ref' };
    const configs = [1, 2, 4, 8].flatMap((threads) =>
      (['selective', 'aggressive'] as const).map((mode) => ({ threads, mode })),
    );
    const points = configs.map((c) => ({
      ...c,
      wallMs: predictWallMs(reference, truth, c.threads, c.mode, 2),
      overheadMs: 400,
    }));
    const fitted = calibrateModel(reference, points);
    // Within 2%, not exactly: the fit is pulled, weakly, towards its prior (calibrate.ts).
    for (const p of points) {
      const predicted = predictWallMs(reference, fitted, p.threads, p.mode, 2);
      expect(Math.abs(predicted / p.wallMs - 1), `${p.threads} ${p.mode}`).toBeLessThan(0.02);
    }
    // Calibrated on a predicted search's two probes only, the other configurations stay within 10%.
    const probes = points.filter((p) => p.mode === 'selective' && (p.threads === 1 || p.threads === 8));
    const fromProbes = calibrateModel(reference, probes);
    for (const p of points) {
      const predicted = predictWallMs(reference, fromProbes, p.threads, p.mode, 2);
      expect(Math.abs(predicted / p.wallMs - 1), `from probes: ${p.threads} ${p.mode}`).toBeLessThan(0.1);
    }
  });
});

describe("replayPlan under dbt's rules", () => {
  it('runs ready nodes up to N threads, each call after the one before', () => {
    const t = (
      model: string,
      modelClass: string | null,
      startMs: number,
      ms: number,
      dependsOn: number[],
    ): ScheduledTask => ({ model, year: 2025, modelClass, startMs, finishMs: startMs + ms, slot: 0, dependsOn });
    const schedule: Schedule = {
      tasks: [
        t('dbt run start-up', 'dbt start-up', 0, 1000, []),
        t('a', null, 1000, 300, [0]),
        t('b', null, 1300, 300, [0]),
        t('c', null, 1600, 300, [0]),
        t('dbt run start-up', 'dbt start-up', 1900, 1000, [1, 2, 3]),
        t('d', null, 2900, 300, [4, 1]),
      ],
    };
    const plan = buildDbtPlan(schedule, work(schedule));
    expect(replayPlan(plan, { threads: 1, cores: 4 }, NEUTRAL_MODEL).makespanMs, 'one thread').toBe(3200);
    expect(
      replayPlan(plan, { threads: 3, cores: 4 }, NEUTRAL_MODEL).makespanMs,
      'a, b, c at once; start-ups stay',
    ).toBe(2600);
  });
});

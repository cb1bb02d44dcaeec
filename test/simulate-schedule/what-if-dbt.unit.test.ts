// The what-if of a dbt (PlanAlign) schedule, on hand-built schedules whose figures can be worked
// out on paper: three calls a year, each a 1 s start-up then a chain node (a1 -> a2 -> a3 through
// the manifest) and an independent one, measured at one thread (so each task's work is its duration).
import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduledTask } from '../../src/schedules/types.js';
import { buildDbtPlan } from '../../src/simulate-schedule/build-plan.js';
import { NEUTRAL_MODEL } from '../../src/simulate-schedule/contention-model.js';
import { replayPlan } from '../../src/simulate-schedule/replay-plan.js';
import type { ContentionModel } from '../../src/simulate-schedule/types.js';
import {
  analyzeWhatIf,
  mergeCallsPerYear,
  PLANALIGN_DUCKDB_THREADS,
  WHAT_IF_THREADS,
  type WhatIfReport,
  type WhatIfScenario,
} from '../../src/simulate-schedule/what-if.js';

const STARTUP_MS = 1000;
const CHAIN_MS = 400;
const SIDE_MS = 200;

/**
 * The schedule dbt-log.ts would read from `years` of three `dbt run` calls each, run one task at a
 * time: a call's start-up waits for every task before it (the calls before, the years before), its
 * nodes for its start-up; aN also for a(N-1) of the call before (a manifest dependency).
 */
function buildCalls(years: readonly number[]): Schedule {
  const tasks: ScheduledTask[] = [];
  let at = 0;
  const add = (model: string, year: number, modelClass: string, ms: number, dependsOn: number[]): number => {
    tasks.push({ model, year, modelClass, startMs: at, finishMs: at + ms, slot: 0, dependsOn });
    at += ms;
    return tasks.length - 1;
  };
  for (const year of years) {
    let chain: number | null = null;
    for (const call of [1, 2, 3]) {
      const startUp = add(
        'dbt run start-up',
        year,
        'dbt start-up',
        STARTUP_MS,
        tasks.map((_, i) => i),
      );
      chain = add(`a${call}`, year, 'model', CHAIN_MS, chain === null ? [startUp] : [startUp, chain]);
      add(`b${call}`, year, 'model', SIDE_MS, [startUp]);
    }
  }
  return { tasks };
}

function whatIfOf(
  schedule: Schedule,
  options: { model?: ContentionModel; cores?: number; otherCores?: number | null; top?: number } = {},
): WhatIfReport {
  return analyzeWhatIf({
    reference: { schedule, measuredOn: { threads: 1, cores: options.cores ?? 16 }, runId: 'ref' },
    model: options.model ?? NEUTRAL_MODEL,
    otherCores: options.otherCores ?? null,
    ...(options.top === undefined ? {} : { top: options.top }),
  });
}

function scenario(report: WhatIfReport, name: string): WhatIfScenario {
  const found = report.scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name} in ${report.scenarios.map((s) => s.name).join(', ')}`);
  return found;
}

/** Predicted time per thread count (1, 2, 4, 8, 16). */
const predicted = (s: WhatIfScenario): number[] => s.points.map((p) => p.predictedMs);
const bounds = (s: WhatIfScenario): number[] => s.points.map((p) => p.boundMs);

// One year: W = 3 × (1000 + 400 + 200) = 4800 ms; S = 3 × (1000 + 400) = 4200 ms (start-up, a, start-up, a...).
const W_YEAR = 3 * (STARTUP_MS + CHAIN_MS + SIDE_MS);
const S_YEAR = 3 * (STARTUP_MS + CHAIN_MS);

describe('what-if of a dbt schedule: the scenarios PlanAlign could choose', () => {
  it('names the dbt scenarios in order, then the longest-K change', () => {
    const report = whatIfOf(buildCalls([2025]));
    expect(report.rules, 'no WRITER task: dbt rules').toBe('dbt');
    expect(
      report.scenarios.map((s) => s.name),
      'scenarios',
    ).toEqual([
      'as shipped',
      'threading enabled',
      'DuckDB threads at N',
      'one dbt call per year',
      'longest 3 twice as fast',
    ]);
    for (const s of report.scenarios)
      expect(
        s.points.map((p) => p.threads),
        `${s.name}: thread counts`,
      ).toEqual([...WHAT_IF_THREADS]);
  });

  it('as shipped runs one node at a time whatever the thread count: every point is W', () => {
    const shipped = scenario(whatIfOf(buildCalls([2025])), 'as shipped');
    expect(shipped.workMs, 'W').toBe(W_YEAR);
    expect(shipped.criticalPathMs, 'S: every start-up and the a-chain').toBe(S_YEAR);
    expect(predicted(shipped), 'one slot at every T').toEqual([4800, 4800, 4800, 4800, 4800]);
    expect(bounds(shipped), 'the bound on one slot is W').toEqual([4800, 4800, 4800, 4800, 4800]);
  });

  it("threading enabled overlaps a call's two nodes; the calls stay one after another", () => {
    const threaded = scenario(whatIfOf(buildCalls([2025])), 'threading enabled');
    expect([threaded.workMs, threaded.criticalPathMs], 'same W and S as shipped').toEqual([W_YEAR, S_YEAR]);
    // T = 1: 4800. T >= 2: each call is its start-up then a beside b: 3 × (1000 + 400) = S.
    expect(predicted(threaded), 'predicted').toEqual([4800, 4200, 4200, 4200, 4200]);
    // Brent: max(S, W/T) = max(4200, 4800/T).
    expect(bounds(threaded), 'bound').toEqual([4800, 4200, 4200, 4200, 4200]);
  });

  it('one dbt call per year drops the later start-ups: W and S both shrink by exactly those 2 s', () => {
    const report = whatIfOf(buildCalls([2025]));
    const merged = scenario(report, 'one dbt call per year');
    expect(merged.workMs, 'W less two start-ups').toBe(W_YEAR - 2 * STARTUP_MS);
    expect(merged.criticalPathMs, 'S less two start-ups: 1000 + a1 + a2 + a3').toBe(S_YEAR - 2 * STARTUP_MS);
    expect(merged.points[0]!.boundMs, 'the bound at 1 thread is W').toBe(merged.workMs);
    // T = 2: start-up 0-1000; a1, b1 1000-1400/1200; b2 1200-1400; a2, b3 1400-1800/1600; a3 1800-2200.
    expect(predicted(merged), 'predicted: W at 1 thread, S from 2').toEqual([2800, 2200, 2200, 2200, 2200]);
    expect(bounds(merged), 'bound max(2200, 2800/T)').toEqual([2800, 2200, 2200, 2200, 2200]);
  });

  it('says so first, in plain words, against the run as shipped', () => {
    const report = whatIfOf(buildCalls([2025]));
    // S 4200 -> 2200 is 48% shorter; best 2200 ms at 2 threads, 4800 / 2200 = ×2.18; as shipped never gains.
    expect(report.findings, 'the call-merging finding').toContain(
      'one dbt call per year: the critical path 48% shorter (2.2 s against 4.2 s); predicted 2.2 s at 2 threads, ×2.18 over one thread as it is (today ×1.00 at best, 1 threads)',
    );
    // Each start-up at half: S 1500 ms shorter; a1, a2, a3 at half: 200 ms each.
    expect(report.sensitivity[0], 'the start-ups first').toEqual({
      model: 'dbt run start-up',
      workMs: 3 * STARTUP_MS,
      criticalPathGainMs: 1500,
    });
    expect(report.findings.at(-1), 'the model worth optimizing').toBe(
      'the model worth optimizing first: dbt run start-up — twice as fast, the critical path 1.5 s shorter',
    );
  });

  it('the longest K twice as fast halves the K longest tasks, under the rules as shipped', () => {
    const three = scenario(whatIfOf(buildCalls([2025])), 'longest 3 twice as fast');
    expect([three.workMs, three.criticalPathMs], 'the three start-ups at 500 ms').toEqual([
      W_YEAR - 1500,
      S_YEAR - 1500,
    ]);
    expect(predicted(three), 'one slot: W').toEqual([3300, 3300, 3300, 3300, 3300]);
    const one = scenario(whatIfOf(buildCalls([2025]), { top: 1 }), 'longest 1 twice as fast');
    expect([one.workMs, one.criticalPathMs], 'the first start-up only (ties in start order)').toEqual([
      W_YEAR - 500,
      S_YEAR - 500,
    ]);
  });

  it("DuckDB's threads at N instead of 16: the measured run had 16, so on 4 cores N below 16 gains their oversubscription", () => {
    // Oversubscription 0.1 a thread beyond the cores: the run's 16 DuckDB threads on 4 cores made every
    // task 2.2 times its work alone, so the work is the measured time / 2.2.
    const model: ContentionModel = { ...NEUTRAL_MODEL, oversubscription: 0.1 };
    const report = whatIfOf(buildCalls([2025]), { model, cores: 4, otherCores: 16 });
    expect(report.cores, 'the measured machine').toBe(4);
    const slow = 1 + 0.1 * (PLANALIGN_DUCKDB_THREADS - 4);
    const shipped = scenario(report, 'as shipped');
    expect(shipped.workMs, 'W: the work alone, without the 16 threads').toBe(Math.round(4800 / slow));
    expect(predicted(shipped), 'as shipped: the run as measured, at every T').toEqual(Array(5).fill(4800));
    expect(
      shipped.points.map((p) => p.predictedOtherCoresMs),
      '16 cores: no oversubscription',
    ).toEqual(Array(5).fill(Math.round(4800 / slow)));
    expect(predicted(scenario(report, 'threading enabled')), "threading enabled: the calls' nodes overlap").toEqual([
      4800, 4200, 4200, 4200, 4200,
    ]);
    // DuckDB at T: no oversubscription up to 4 threads, × 1.4 at 8, × 2.2 (as measured) at 16.
    expect(predicted(scenario(report, 'DuckDB threads at N')), 'DuckDB at N').toEqual([
      Math.round(4800 / slow),
      Math.round(4200 / slow),
      Math.round(4200 / slow),
      Math.round((4200 * 1.4) / slow),
      4200,
    ]);
    // One change at a time: merged calls keep DuckDB at 16, so the run's own slowdown stays in them.
    const merged = scenario(report, 'one dbt call per year');
    expect(predicted(merged), 'merged, DuckDB at 16 as measured').toEqual([2800, 2200, 2200, 2200, 2200]);
    expect(
      merged.points.map((p) => p.predictedOtherCoresMs),
      'merged on 16 cores: no oversubscription',
    ).toEqual([2800, 2200, 2200, 2200, 2200].map((ms) => Math.round(ms / slow)));
  });

  it("marks DuckDB's threads at N as the prior's guess: no run varied them, so no finding claims a time for it", () => {
    const model: ContentionModel = { ...NEUTRAL_MODEL, oversubscription: 0.1 };
    const report = whatIfOf(buildCalls([2025]), { model, cores: 4 });
    expect(
      report.scenarios.map((s) => [s.name, s.uncalibrated === null]),
      'only DuckDB threads at N rests on the prior',
    ).toEqual([
      ['as shipped', true],
      ['threading enabled', true],
      ['DuckDB threads at N', false],
      ['one dbt call per year', true],
      ['longest 3 twice as fast', true],
    ]);
    expect(scenario(report, 'DuckDB threads at N').uncalibrated, 'why').toBe(
      `every run had DuckDB at ${PLANALIGN_DUCKDB_THREADS} threads, so nothing measured says what ${PLANALIGN_DUCKDB_THREADS} threads cost against N; the predicted times are the calibration prior's guess`,
    );
    const finding = report.findings.find((f) => f.startsWith('DuckDB threads at N:'));
    expect(finding, 'its finding: the critical path, and no predicted time').toBe(
      // S is the work alone: 4200 ms measured with 16 threads on 4 cores, / 2.2.
      `DuckDB threads at N: the critical path 0% shorter (1.9 s against 1.9 s); its time is not predicted: ${scenario(report, 'DuckDB threads at N').uncalibrated}`,
    );
  });

  it("replays the run as it was measured: at the reference's thread count, threading enabled is the measured time", () => {
    const model: ContentionModel = { parallelGain: 0.4, interference: 0.1, oversubscription: 0.1, overheadMs: 0 };
    const oneThread = whatIfOf(buildCalls([2025]), { model, cores: 2 });
    expect(scenario(oneThread, 'as shipped').points[0]!.predictedMs, 'measured at 1 thread: 4800 ms').toBe(4800);
    expect(scenario(oneThread, 'threading enabled').points[0]!.predictedMs, 'the same run').toBe(4800);
    // A run measured at 2 threads: the calls' nodes beside each other, at the speeds the model gives them.
    const sequential = buildCalls([2025]);
    const work = sequential.tasks.map((t) => t.finishMs - t.startMs);
    const replay = replayPlan(buildDbtPlan(sequential, work), { threads: 2, cores: 2, engineThreads: 16 }, model);
    const measured: Schedule = {
      tasks: sequential.tasks.map((t, i) => ({ ...t, startMs: replay.startMs[i]!, finishMs: replay.finishMs[i]! })),
    };
    const twoThreads = analyzeWhatIf({
      reference: { schedule: measured, measuredOn: { threads: 2, cores: 2 }, runId: 'ref' },
      model,
      otherCores: null,
    });
    const threaded = scenario(twoThreads, 'threading enabled');
    expect(threaded.points[1]!.threads).toBe(2);
    expect(threaded.points[1]!.predictedMs, 'threading enabled at 2 threads: the measured makespan').toBe(
      Math.round(replay.makespanMs),
    );
    expect(threaded.workMs, 'the work recovered').toBe(4800);
  });

  it('adds the time outside the schedule to every prediction, and not to the bound', () => {
    const report = whatIfOf(buildCalls([2025]), { model: { ...NEUTRAL_MODEL, overheadMs: 250 } });
    const merged = scenario(report, 'one dbt call per year');
    expect(predicted(merged), 'predicted + 250 ms').toEqual([3050, 2450, 2450, 2450, 2450]);
    expect(bounds(merged), 'bound unchanged').toEqual([2800, 2200, 2200, 2200, 2200]);
  });
});

describe('one dbt call per year over several years', () => {
  it('merges the calls of each year and keeps the year boundary', () => {
    const schedule = buildCalls([2025, 2026]);
    const work = schedule.tasks.map((t) => t.finishMs - t.startMs);
    const { schedule: merged, work: mergedWork } = mergeCallsPerYear(schedule, work);
    const startUps = merged.tasks.flatMap((t, i) => (t.modelClass === 'dbt start-up' ? [i] : []));
    expect(
      startUps.map((i) => merged.tasks[i]!.year),
      'one start-up a year',
    ).toEqual([2025, 2026]);
    expect(merged.tasks.length, 'four start-ups dropped').toBe(schedule.tasks.length - 4);
    expect(mergedWork.length, 'work follows the tasks').toBe(merged.tasks.length);
    const [first, second] = startUps as [number, number];
    const ofYear = (year: number): number[] =>
      merged.tasks.flatMap((t, i) => (t.year === year && t.modelClass !== 'dbt start-up' ? [i] : []));
    expect(
      [...merged.tasks[second]!.dependsOn].sort((a, b) => a - b),
      "2026's start-up still waits for all of 2025",
    ).toEqual([first, ...ofYear(2025)]);
    for (const i of ofYear(2026)) {
      const task = merged.tasks[i]!;
      expect(task.dependsOn, `${task.model}@2026 waits for its year's start-up`).toContain(second);
      expect(task.dependsOn, `${task.model}@2026 not for 2025's`).not.toContain(first);
      expect(
        task.dependsOn.every((d) => merged.tasks[d]!.year === 2026),
        `${task.model}@2026: only its own year`,
      ).toBe(true);
    }
    const a3 = merged.tasks.findIndex((t) => t.model === 'a3' && t.year === 2025);
    expect(
      merged.tasks[a3]!.dependsOn.map((d) => merged.tasks[d]!.model),
      'a3 keeps its manifest dependency',
    ).toEqual(['dbt run start-up', 'a2']);
  });

  it('figures: W and S shrink by four start-ups; the years still run one after the other', () => {
    const report = whatIfOf(buildCalls([2025, 2026]));
    const shipped = scenario(report, 'as shipped');
    const merged = scenario(report, 'one dbt call per year');
    expect([shipped.workMs, shipped.criticalPathMs], 'as shipped: two years end to end').toEqual([
      2 * W_YEAR,
      2 * S_YEAR,
    ]);
    expect([merged.workMs, merged.criticalPathMs], 'merged: less four start-ups').toEqual([
      2 * W_YEAR - 4 * STARTUP_MS,
      2 * S_YEAR - 4 * STARTUP_MS,
    ]);
    // Had the boundary gone, 2026's nodes could run beside 2025's and S would be one year's 2200.
    expect(predicted(merged), 'two merged years, one after the other').toEqual([5600, 4400, 4400, 4400, 4400]);
    expect(predicted(scenario(report, 'threading enabled')), 'threading enabled, two years').toEqual([
      9600, 8400, 8400, 8400, 8400,
    ]);
  });
});

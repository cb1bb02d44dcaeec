// dbt's files of a run (hand-made in dbt 1.8's documented shapes, test/fixtures/dbt-project):
// every call from logs/dbt.log with its start-up, threads as slots, dependencies from manifest.json
// across calls; the last call alone from run_results.json when there is no log.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSchedule } from '../../src/schedules/analyze-schedule.js';
import { buildSchedule } from '../../src/schedules/build-schedule.js';
import { parseDbtLog } from '../../src/schedules/dbt-log.js';
import { readDbtSchedule } from '../../src/schedules/dbt-source.js';
import { buildTrace } from '../../src/schedules/trace-events.js';

const PROJECT = fileURLToPath(new URL('../fixtures/dbt-project', import.meta.url));
const TEN_AM_MS = 10 * 3600 * 1000;
const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe('dbt.log and manifest.json', () => {
  it('reads every call: a start-up task each, nodes on their threads, the year from --vars', async () => {
    const schedule = buildSchedule(await readDbtSchedule(PROJECT));
    const rows = schedule.tasks.map((t) => [
      t.model,
      t.year,
      t.modelClass,
      t.startMs - TEN_AM_MS,
      t.finishMs - TEN_AM_MS,
      t.slot,
    ]);
    expect(rows).toEqual([
      ['dbt run start-up', 2025, 'dbt start-up', 0, 2100, 0],
      ['int_hazard_termination', 2025, 'FOUNDATION', 2100, 3100, 1],
      ['int_baseline_workforce', 2025, 'FOUNDATION', 2100, 4100, 0],
      ['int_workforce_needs', 2025, 'FOUNDATION', 4200, 5200, 0],
      ['dbt run start-up', 2025, 'dbt start-up', 6000, 7500, 0],
      ['int_termination_events', 2025, 'EVENT_GENERATION', 7500, 9500, 0],
      ['fct_yearly_events', 2025, 'EVENT_GENERATION', 9600, 10600, 1],
    ]);
  });

  it('links nodes to their start-up, to manifest dependencies in earlier calls, and each call to the one before', async () => {
    const schedule = buildSchedule(await readDbtSchedule(PROJECT));
    const deps = schedule.tasks.map((t) => t.dependsOn.map((d) => schedule.tasks[d]!.model));
    expect(deps[3], 'int_workforce_needs').toEqual(['dbt run start-up', 'int_baseline_workforce']);
    expect(deps[4], 'the second call waits for all of the first').toEqual([
      'dbt run start-up',
      'int_hazard_termination',
      'int_baseline_workforce',
      'int_workforce_needs',
    ]);
    expect(deps[5], 'int_termination_events: its start-up and two nodes of the first call').toEqual([
      'int_hazard_termination',
      'int_workforce_needs',
      'dbt run start-up',
    ]);
    const a = analyzeSchedule(schedule, 2);
    expect(a.workMs, 'W').toBe(10_600);
    expect(a.criticalPathMs, 'S: start-up, baseline, needs, start-up, termination, events').toBe(9_600);
    expect(a.criticalPath.map((i) => schedule.tasks[i]!.model)).toEqual([
      'dbt run start-up',
      'int_baseline_workforce',
      'int_workforce_needs',
      'dbt run start-up',
      'int_termination_events',
      'fct_yearly_events',
    ]);
  });

  it('unwraps a log that passes midnight', () => {
    const text = [
      '============================== 23:59:59.000000 | a ==============================',
      '23:59:59.500000 [debug] [Thread-1 (]: Began running node model.p.m',
      '00:00:01.000000 [debug] [Thread-1 (]: Finished running node model.p.m',
    ].join('\n');
    const [, node] = parseDbtLog(text);
    expect(node!.finishMs - node!.startMs).toBe(1500);
  });

  it('opens as a Chrome trace: one X event per node, microseconds, tid = slot', async () => {
    const trace = buildTrace(buildSchedule(await readDbtSchedule(PROJECT)), 't2-aggressive-r1');
    const hazard = trace.traceEvents.find((e) => e.name === 'int_hazard_termination 2025')!;
    expect(hazard).toMatchObject({ ph: 'X', tid: 1, pid: 1, dur: 1_000_000, cat: 'FOUNDATION' });
    expect(trace.traceEvents.filter((e) => e.ph === 'M').map((e) => e.args!['name'])).toEqual([
      't2-aggressive-r1',
      'slot 0',
      'slot 1',
    ]);
  });
});

describe('run_results.json without a log', () => {
  it('reads the last call: compile to execute end, thread_id as slot, skipped nodes left out', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-dbt-'));
    temporary.push(dir);
    await cp(path.join(PROJECT, 'target'), path.join(dir, 'target'), { recursive: true });
    const schedule = buildSchedule(await readDbtSchedule(dir));
    const at = Date.parse('2026-11-30T10:00:00Z');
    expect(schedule.tasks.map((t) => [t.model, t.startMs - at, t.finishMs - at, t.slot, t.dependsOn])).toEqual([
      ['int_termination_events', 7500, 9500, 0, []],
      ['fct_yearly_events', 9600, 10600, 1, [0]],
    ]);
  });

  it('says what is missing when there is neither', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-dbt-'));
    temporary.push(dir);
    await expect(readDbtSchedule(dir)).rejects.toThrow(
      `no dbt schedule in ${dir}: neither logs/dbt.log nor target/run_results.json`,
    );
  });
});

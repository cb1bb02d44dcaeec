// `npm run bench:whatif`: one what-if checked for real. The built-in orchestrator is run interleaved
// as it is (1 and 2 threads) and with a planted slowdown (THREADGATE_PLANT_REPEAT: a model's queries
// computed twice, outputs unchanged) at 1 and 2 threads; the what-if "that model ×2", predicted from
// the unplanted 1-thread run's schedule and calibrated on the unplanted runs only, is set beside the
// planted runs' measured medians. Figures, not assertions: the machine may be shared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from 'simple-statistics';
import { PLANT_REPEAT_ENV } from '../orchestrator/planted-work.js';
import { CLI_ENTRY } from '../core/package-info.js';
import { buildSchedule } from '../schedules/build-schedule.js';
import { readScheduleTable } from '../schedules/table-source.js';
import type { Schedule } from '../schedules/types.js';
import { buildBuiltinPlan } from '../simulate-schedule/build-plan.js';
import { calibrateModel, predictWallMs, type ReferenceSchedule } from '../simulate-schedule/calibrate.js';
import { measureWork } from '../simulate-schedule/measured-work.js';
import { replayPlan } from '../simulate-schedule/replay-plan.js';
import { threadPoolSizeFor } from '../core/thread-pool-size.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PLANTED = process.env.BENCH_PLANTED ?? 'int_yearly_events';
const MODE = 'aggressive';

interface Sample {
  readonly wallMs: number;
  readonly schedule: Schedule;
}

async function runOnce(dir: string, threads: number, planted: boolean): Promise<Sample> {
  const database = path.join(dir, `${threads}-${planted}.duckdb`);
  const result = spawnSync(
    process.execPath,
    [
      CLI_ENTRY,
      'simulate',
      '--threads',
      String(threads),
      '--mode',
      MODE,
      '--years',
      '2025-2027',
      '--employees',
      String(EMPLOYEES),
      '--database',
      database,
      '--force',
      '--json',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      env: {
        ...process.env,
        UV_THREADPOOL_SIZE: String(threadPoolSizeFor(threads)),
        [PLANT_REPEAT_ENV]: planted ? PLANTED : '',
      },
    },
  );
  if (result.status !== 0) throw new Error(`simulate ${threads} planted=${planted} failed: ${result.stderr}`);
  const summary = JSON.parse(result.stdout) as { wallMs: number };
  const schedule = buildSchedule(await readScheduleTable(database, 'run_metadata'));
  rmSync(database, { force: true });
  return { wallMs: summary.wallMs, schedule };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-whatif-'));
  const startLoad = os.loadavg()[0]!;
  const samples = new Map<string, Sample[]>();
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [threads, planted] of [
        [1, false],
        [2, false],
        [1, true],
        [2, true],
      ] as const) {
        const key = `${threads}${planted ? ' planted' : ''}`;
        const sample = await runOnce(dir, threads, planted);
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        process.stderr.write(`round ${round}: ${key} ${(sample.wallMs / 1000).toFixed(2)} s\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const med = (key: string): number => median(samples.get(key)!.map((s) => s.wallMs));
  const makespan = (s: Sample): number =>
    Math.max(...s.schedule.tasks.map((t) => t.finishMs)) - Math.min(...s.schedule.tasks.map((t) => t.startMs));
  const overhead = (key: string): number => median(samples.get(key)!.map((s) => s.wallMs - makespan(s)));
  const ones = [...samples.get('1')!].sort((a, b) => a.wallMs - b.wallMs);
  const reference: ReferenceSchedule = {
    schedule: ones[Math.floor((ones.length - 1) / 2)]!.schedule,
    measuredOn: { threads: 1, cores: os.availableParallelism() },
    runId: 'unplanted 1 thread',
  };
  const started = performance.now();
  const model = calibrateModel(
    reference,
    [1, 2].map((threads) => ({
      threads,
      mode: MODE,
      wallMs: med(String(threads)),
      overheadMs: overhead(String(threads)),
    })),
  );
  const work = measureWork(reference.schedule, reference.measuredOn, model);
  const planted = work.map((w, i) =>
    reference.schedule.tasks[i]!.model.replace(/_s\d+$/, '') === PLANTED ? w * 2 : w,
  );
  const lines = [
    `what-if check: ${EMPLOYEES} employees × 3 years, ${MODE}, ${ROUNDS} interleaved rounds; planted: ${PLANTED} computed twice (outputs unchanged)`,
    `1-min load ${startLoad.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end; ${os.availableParallelism()} cores`,
    `calibration (unplanted runs only): parallel gain ${model.parallelGain}, interference ${model.interference}, oversubscription ${model.oversubscription}, overhead ${model.overheadMs} ms`,
  ];
  for (const threads of [1, 2]) {
    const plan = buildBuiltinPlan(reference.schedule, planted, { threads, mode: MODE });
    const predicted =
      replayPlan(plan, { threads, cores: reference.measuredOn.cores }, model).makespanMs + model.overheadMs;
    const asIs = predictWallMs(reference, model, threads, MODE, reference.measuredOn.cores, work);
    const measured = med(`${threads} planted`);
    const measuredAsIs = med(String(threads));
    lines.push(
      `${threads} thread(s): as is measured ${(measuredAsIs / 1000).toFixed(2)} s (predicted ${(asIs / 1000).toFixed(2)} s); ` +
        `${PLANTED} ×2 predicted ${(predicted / 1000).toFixed(2)} s, measured ${(measured / 1000).toFixed(2)} s, error ${(((predicted - measured) / measured) * 100).toFixed(1)}%; ` +
        `added time predicted ${((predicted - asIs) / 1000).toFixed(2)} s, measured ${((measured - measuredAsIs) / 1000).toFixed(2)} s`,
    );
  }
  lines.push(`(calibration and predictions took ${(performance.now() - started).toFixed(0)} ms)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

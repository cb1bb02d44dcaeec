// Tuning cases whose runs carry schedules, for `search: predicted` in `npm run bench:search`.
//
// Synthetic: a real 1-thread schedule of the built-in orchestrator replayed, for each configuration,
// under a hidden "true" machine (a contention model and a core count drawn per case) times a hidden
// per-configuration factor the simulator cannot know (lognormal, 4%: what the model misses), then
// drawn with the same noise as the USL cases (2–10%, a round drift, outliers). The runs' schedules are
// those replays, stretched by the draw. The truth is the noise-free times; the predicted search sees
// only the runs, as it would on a real machine.
//
// Recorded: an exhaustive run directory's own samples and schedules (round orders permuted), with the
// median of all of a configuration's samples as its "true" time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compactSchedule } from '../schedules/compact-schedule.js';
import { createRandom, deriveSeed } from '../core/prng.js';
import type { RunRecord } from '../core/run-record.js';
import type { CompactSchedule, Schedule } from '../schedules/types.js';
import { configKey, type Configuration, type ResolvedMatrix, type ThreadingMode } from '../matrix/types.js';
import type { PlanFile } from '../runner/run-directory.js';
import { planFor, type ReferenceSchedule } from '../simulate-schedule/calibrate.js';
import { replayPlan } from '../simulate-schedule/replay-plan.js';
import type { ContentionModel } from '../simulate-schedule/types.js';
import { medianOf } from '../simulate-schedule/calibrate.js';
import { buildBenchMatrix, drawNormal, type TuningCase } from './synthetic-tuning.js';

/** The machines the synthetic cases are drawn on: their cores, and ranges of the true contention. */
const CORES = [2, 4, 8, 16];
/** What the simulator cannot know about a configuration: a lognormal factor of this spread. */
const MISSPECIFICATION = 0.04;
/** The process start and final checkpoint outside the schedule, in ms. */
const OVERHEAD_MS = 1500;

function drawModel(random: () => number): ContentionModel {
  return {
    parallelGain: random() * 0.8,
    interference: random() * 0.4,
    oversubscription: random() * 0.15,
    overheadMs: OVERHEAD_MS,
  };
}

/** The schedule a configuration truly runs, and its wall time: the reference replayed under the true machine. */
function replayTruly(
  reference: ReferenceSchedule,
  model: ContentionModel,
  config: Configuration,
  cores: number,
): { schedule: Schedule; wallMs: number } {
  const replay = replayPlan(
    planFor(reference, model, config.threads, config.mode),
    { threads: config.threads, cores },
    model,
  );
  const tasks = reference.schedule.tasks.map((task, i) => ({
    ...task,
    startMs: replay.startMs[i]!,
    finishMs: replay.finishMs[i]!,
    slot: 0,
  }));
  return { schedule: { tasks }, wallMs: replay.makespanMs + model.overheadMs };
}

function stretch(schedule: Schedule, factor: number): CompactSchedule {
  return compactSchedule({
    tasks: schedule.tasks.map((t) => ({ ...t, startMs: t.startMs * factor, finishMs: t.finishMs * factor })),
  });
}

/** Synthetic case `index` over the reference schedule (measured at 1 thread): its machine and noise follow from `seed`. */
export function buildScheduleCase(
  reference: ReferenceSchedule,
  seed: number,
  index: number,
  budget: string | number | null,
): TuningCase {
  const random = createRandom(deriveSeed(seed, `schedule-case:${index}`));
  const cores = CORES[index % CORES.length]!;
  const model = drawModel(random);
  const noise = 0.02 + random() * 0.08;
  const drift = noise / 2;
  const own = noise * Math.sqrt(0.75);
  const shape = {
    threads: [1, 2, 4, 8, 16].filter((t) => t <= 2 * cores),
    modes: ['selective', 'aggressive'] as ThreadingMode[],
    reference: { threads: 1, mode: 'selective' as ThreadingMode },
  };
  const truly = new Map<string, { schedule: Schedule; wallMs: number }>();
  const trueRun = (config: Configuration): { schedule: Schedule; wallMs: number } => {
    const key = configKey(config);
    if (!truly.has(key)) {
      const run = replayTruly(reference, model, config, cores);
      const missed =
        config.threads === 1
          ? 1
          : Math.exp(MISSPECIFICATION * drawNormal(createRandom(deriveSeed(seed, `${index}:${key}`))));
      truly.set(key, { schedule: run.schedule, wallMs: run.wallMs * missed });
    }
    return truly.get(key)!;
  };
  const draw = (config: Configuration, k: number): number => {
    const roundRandom = createRandom(deriveSeed(seed, `schedule-case:${index}:round:${k}`));
    const runRandom = createRandom(deriveSeed(seed, `schedule-case:${index}:${configKey(config)}:${k}`));
    const outlier = runRandom() < 0.03 ? 1.2 + runRandom() * 0.4 : 1;
    return Math.exp(drift * drawNormal(roundRandom) + own * drawNormal(runRandom)) * outlier;
  };
  return {
    label: `schedule #${index} (${cores} cores, gain ${model.parallelGain.toFixed(2)}, interference ${model.interference.toFixed(2)}, oversubscription ${model.oversubscription.toFixed(3)}, noise ${(noise * 100).toFixed(1)}%)`,
    matrix: buildBenchMatrix(shape, budget, index + 1),
    cores,
    trueMs: (config) => trueRun(config).wallMs,
    sample: (config, k) => trueRun(config).wallMs * draw(config, k),
    schedule: (config, k) => stretch(trueRun(config).schedule, draw(config, k)),
  };
}

/** Cases from a recorded exhaustive run: the k-th timed sample (and its schedule) of each configuration, rounds taken in seeded orders. */
export function buildRecordedCases(
  runDir: string,
  count: number,
  matrixOf: (recorded: ResolvedMatrix) => ResolvedMatrix,
): TuningCase[] {
  const plan = JSON.parse(readFileSync(path.join(runDir, 'plan.json'), 'utf8')) as PlanFile;
  const records = readFileSync(path.join(runDir, 'journal.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunRecord)
    .filter((r) => !r.warmup && r.status === 'ok' && r.superseded !== true);
  const byConfig = new Map<string, RunRecord[]>();
  for (const r of records) byConfig.set(configKey(r), [...(byConfig.get(configKey(r)) ?? []), r]);
  const reps = Math.min(...[...byConfig.values()].map((s) => s.length));
  const matrix = matrixOf({ ...plan.plan.matrix, repetitions: reps });
  const trueMs = (config: Configuration): number =>
    medianOf((byConfig.get(configKey(config)) ?? []).map((r) => r.wallMs));
  const cases: TuningCase[] = [];
  for (let c = 0; c < count; c += 1) {
    // Round k of the replay takes recorded round order[k]: the same round for every configuration, so pairs stay pairs.
    const random = createRandom(c + 1);
    const order = Array.from({ length: reps }, (_, i) => i);
    if (c > 0)
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    const recorded = (config: Configuration, k: number): RunRecord | null =>
      byConfig.get(configKey(config))?.[order[k - 1] ?? -1] ?? null;
    cases.push({
      label: `recorded ${path.basename(runDir)} rounds ${order.map((i) => i + 1).join('')}`,
      matrix,
      cores: plan.hardware.logicalCores,
      trueMs,
      sample: (config, k) => recorded(config, k)?.wallMs ?? null,
      schedule: (config, k) => recorded(config, k)?.schedule ?? null,
    });
  }
  return cases;
}

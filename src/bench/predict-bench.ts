// `npm run bench:predict [RUN_DIR]`: how fast and how right the schedule simulator is. Speed: the
// replays of a 5-year built-in schedule at 1-16 threads in all three modes (the goal: well
// under a second). Accuracy, given a run directory: predicted against measured for every
// configuration, calibrated on all of them and, out of sample, on the reference and one other
// thread count only (what `search: predicted` has). Figures, not assertions.
import os from 'node:os';
import path from 'node:path';
import { loadRun } from '../commands/load-run.js';
import { loadReferenceSchedule } from './simulated-reference.js';
import { chooseProbes } from '../search/predicted-probe.js';
import { configKey } from '../matrix/types.js';
import { calibrateModel, predictWallMs, type ReferenceSchedule } from '../simulate-schedule/calibrate.js';
import { measureWork } from '../simulate-schedule/measured-work.js';
import { predictRuns, type PredictionSection } from '../simulate-schedule/predict-runs.js';

const MODES = ['sequential', 'selective', 'aggressive'] as const;

function timeReplays(reference: ReferenceSchedule): string {
  const model = { parallelGain: 0.3, interference: 0.2, oversubscription: 0.02, overheadMs: 0 };
  const work = measureWork(reference.schedule, reference.measuredOn, model);
  const started = performance.now();
  let count = 0;
  for (const mode of MODES)
    for (let threads = 1; threads <= 16; threads += 1, count += 1)
      predictWallMs(reference, model, threads, mode, 2, work);
  const replayMs = performance.now() - started;
  const calibrating = performance.now();
  calibrateModel(
    reference,
    [1, 2, 4, 8].map((threads) => ({
      threads,
      mode: 'aggressive',
      wallMs: predictWallMs(reference, model, threads, 'aggressive', 2, work),
      overheadMs: 0,
    })),
  );
  return `speed: ${count} replays (1-16 threads × 3 modes) of a ${reference.schedule.tasks.length}-task 5-year schedule in ${replayMs.toFixed(0)} ms; one calibration on 4 configurations in ${(performance.now() - calibrating).toFixed(0)} ms`;
}

function describeAccuracy(label: string, prediction: PredictionSection): string[] {
  const rows = prediction.configurations
    .filter((c) => c.measuredMs !== null)
    .map(
      (c) =>
        `  ${c.mode.padEnd(10)} ${String(c.threads).padStart(2)}  predicted ${(c.predictedMs / 1000).toFixed(1)} s  measured ${(c.measuredMs! / 1000).toFixed(1)} s  error ${c.errorPct! > 0 ? '+' : ''}${c.errorPct}%`,
    );
  const c = prediction.calibration;
  return [
    `${label}: median |error| ${prediction.medianAbsErrorPct}%, worst ${prediction.worstAbsErrorPct}% (calibrated on ${c.fittedOn.join(', ')}: gain ${c.parallelGain}, interference ${c.interference}, oversubscription ${c.oversubscription}, overhead ${c.overheadMs} ms)`,
    ...rows,
  ];
}

async function main(): Promise<void> {
  const runDir = process.argv[2];
  const lines = [`1-min load ${os.loadavg()[0]!.toFixed(2)} at start; ${os.availableParallelism()} cores`];
  if (runDir === undefined) {
    lines.push(timeReplays(await loadReferenceSchedule()));
  } else {
    const run = await loadRun(path.resolve(runDir));
    const { matrix } = run.planFile.plan;
    const cores = run.planFile.hardware.logicalCores;
    const started = performance.now();
    const all = predictRuns({ records: run.records, reference: matrix.reference, modes: matrix.modes, cores });
    const allMs = performance.now() - started;
    if (all === null) throw new Error(`${runDir}: no reference run with a schedule`);
    const probes = chooseProbes(matrix).map(configKey);
    const held = predictRuns({
      records: run.records,
      reference: matrix.reference,
      modes: matrix.modes,
      cores,
      calibrateOn: probes,
    })!;
    lines.push(
      ...describeAccuracy(
        `in sample (all ${all.calibration.fittedOn.length} configurations; ${allMs.toFixed(0)} ms)`,
        all,
      ),
    );
    lines.push(...describeAccuracy(`out of sample (the predicted search's probes: ${probes.join(', ')})`, held));
    const { schedule } = run.records.find((r) => r.id === all.referenceRun)!;
    if (schedule) lines.push(`reference run ${all.referenceRun}: ${schedule.tasks.length} tasks`);
    const noisy = run.records.filter((r) => !r.warmup && r.noisy === true).length;
    lines.push(
      `${noisy} of ${run.records.filter((r) => !r.warmup).length} timed runs were flagged noisy (other work on the machine)`,
    );
  }
  lines.push(`1-min load ${os.loadavg()[0]!.toFixed(2)} at end`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

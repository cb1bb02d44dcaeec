// `threadgate whatif RUN_DIR [--predict-cores N] [--top K] [--json]`: what the run's reference
// schedule would give under changes the target's owners could make (src/simulate-schedule/what-if.ts),
// calibrated on the run's own measured configurations. Findings first, then figures and a chart.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../core/errors.js';
import { listCrossYearReads } from '../orchestrator/cross-year-reads.js';
import { formatWhatIfText } from '../report/what-if-section.js';
import { loadRun } from './load-run.js';
import { PREDICT_CORES_OPTION, resolvePredictCores } from '../simulate-schedule/predict-cores-option.js';
import { pickReferenceSchedule, predictRuns } from '../simulate-schedule/predict-runs.js';
import { analyzeWhatIf, findUnknownModels, listScalableModels } from '../simulate-schedule/what-if.js';

interface WhatIfArguments {
  runDir: string;
  predictCores?: string;
  top: number;
  scale?: string;
  mode?: string;
  json: boolean;
}

/** `--scale a,b:2` as models and a factor; an InputError naming the flag otherwise. */
export function parseScale(value: string | undefined): { models: string[]; factor: number } | null {
  if (value === undefined) return null;
  const match = /^([\w,]+):(\d+(?:\.\d+)?)$/.exec(value.trim());
  const factor = match ? Number(match[2]) : NaN;
  if (!match || !(factor > 0))
    throw new InputError(
      `--scale: expected MODEL[,MODEL...]:FACTOR with a factor above 0 (e.g. int_yearly_events:2), got ${JSON.stringify(value)}`,
    );
  return { models: match[1]!.split(',').filter((name) => name.length > 0), factor };
}

export const whatIfCommand: CommandModule<object, WhatIfArguments> = {
  command: 'whatif <run-dir>',
  describe:
    "predict what changes to the orchestrator (one dbt call per year, no year barrier, faster models...) would give, from a run's schedule",
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dir', {
        type: 'string',
        demandOption: true,
        describe: 'a run directory whose reference run has a schedule',
      })
      .option('predict-cores', PREDICT_CORES_OPTION)
      .option('top', {
        type: 'number',
        default: 3,
        describe: 'how many of the longest models the "twice as fast" change speeds up',
      })
      .option('scale', {
        type: 'string',
        describe:
          'also predict MODEL[,MODEL...]:FACTOR, those models (every year and shard) taking FACTOR times their work',
      })
      .option('mode', {
        type: 'string',
        choices: ['sequential', 'selective', 'aggressive'],
        describe: 'built-in orchestrator: the mode the changes are predicted in (default aggressive)',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print the what-if as JSON',
      }) as unknown as Argv<WhatIfArguments>,
  handler: async (argv) => {
    const predictCores = resolvePredictCores(argv.predictCores);
    if (!Number.isInteger(argv.top) || argv.top < 1)
      throw new InputError(`--top: expected a whole number of models of at least 1, got ${String(argv.top)}`);
    const scale = parseScale(argv.scale);
    const run = await loadRun(path.resolve(argv.runDir));
    const { matrix } = run.planFile.plan;
    const cores = run.planFile.hardware.logicalCores;
    const prediction = predictRuns({
      records: run.records,
      reference: matrix.reference,
      modes: matrix.modes,
      cores,
      predictCores,
    });
    if (prediction === null) {
      throw new InputError(
        `${run.runDir}: the reference configuration ${matrix.reference.threads} threads ${matrix.reference.mode} has no successful timed run with a schedule (the target records none, or it failed)`,
      );
    }
    // predictRuns found this schedule, so it is there.
    const reference = pickReferenceSchedule(run.records, matrix.reference, cores)!;
    const unknown = scale ? findUnknownModels(reference.schedule, scale.models) : [];
    if (unknown.length > 0) {
      // A name the schedule does not have would scale nothing and print "as run" under another name.
      throw new InputError(
        `--scale: no model named ${unknown.join(', ')} in the schedule of ${reference.runId} (its models: ${listScalableModels(reference.schedule).join(', ')})`,
      );
    }
    const crossYearDependencies = matrix.target.kind === 'builtin' ? listCrossYearReads() : undefined;
    const whatIf = analyzeWhatIf({
      reference,
      model: prediction.calibration,
      otherCores: predictCores,
      crossYearDependencies,
      top: argv.top,
      ...(scale ? { scale } : {}),
      ...(argv.mode ? { mode: argv.mode as 'sequential' | 'selective' | 'aggressive' } : {}),
    });
    process.stdout.write(
      argv.json
        ? `${JSON.stringify({ ...whatIf, calibration: prediction.calibration }, null, 2)}\n`
        : `${formatWhatIfText(whatIf)}\n`,
    );
  },
};

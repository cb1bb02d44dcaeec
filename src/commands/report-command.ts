// `threadgate report RUN_DIR`: rebuilds every report file from the run's plan and journal.
import { BASELINE_OPTION, baselineRequest } from '../baselines/baseline-option.js';
import type { Argv, CommandModule } from 'yargs';
import { loadBaselineFor } from '../baselines/baseline-store.js';
import { loadRunFrom } from './load-run.js';
import { ensureStableDigests, readsStableDigests } from './ensure-stable-digests.js';
import { finishReport } from './finish-report.js';
import { PREDICT_CORES_OPTION, resolvePredictCores } from '../simulate-schedule/predict-cores-option.js';
import { formatSummaryTable } from '../report/summary-table.js';
import { createReportWriter } from '../report/write-reports.js';
import { COMMAND_LIST } from './command-list.js';

interface ReportArguments {
  runDir: string;
  baseline?: string | false;
  predictCores?: string;
}

export const reportCommand: CommandModule<object, ReportArguments> = {
  command: COMMAND_LIST.report.usage,
  describe: COMMAND_LIST.report.summary,
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'a run directory' })
      .option('baseline', BASELINE_OPTION)
      .option('predict-cores', PREDICT_CORES_OPTION) as unknown as Argv<ReportArguments>,
  handler: async (argv) => {
    const predictCores = resolvePredictCores(argv.predictCores);
    const loaded = await loadRunFrom(argv.runDir, process.stderr);
    const { baseline } = await loadBaselineFor(loaded.planFile.plan.matrix, baselineRequest(argv.baseline));
    // Golden digests are compared with the reference run's md5 digests: taken now if the run took none.
    const run = readsStableDigests(baseline) ? await ensureStableDigests(loaded) : loaded;
    const writer = createReportWriter(run.runDir, { githubStepSummary: null });
    await writer.prepare();
    const report = await finishReport(run, writer, baseline, new Date(), predictCores);
    process.stdout.write(`${formatSummaryTable(report)}\nreports written to ${run.runDir}\n`);
  },
};

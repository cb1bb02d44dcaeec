// `threadgate merge RUN_DIR... [--out DIR]`: one run (and one set of reports) from shard runs. Like
// `run`, it creates the run directory inside --out (default reports/) and prints where.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadBaselineFor } from '../baselines/baseline-store.js';
import { finishReport } from './finish-report.js';
import { formatSummaryTable } from '../report/summary-table.js';
import { createReportWriter } from '../report/write-reports.js';
import { findRunDirectory } from '../runner/find-run-directory.js';
import { mergeRuns } from './merge-runs.js';
import {
  HISTORY_OPTIONS,
  combineExitCodes,
  formatHistoryOutcome,
  validateCommit,
  validateWindow,
  type HistoryFlags,
} from '../history/history-flags.js';
import { applyHistory } from '../history/history-option.js';
import { probeHistory } from '../history/read-history.js';
import { COMMAND_LIST } from './command-list.js';

interface MergeArguments extends HistoryFlags {
  runDirs: string[];
  out: string;
  mixedHardware: boolean;
}

export const mergeCommand: CommandModule<object, MergeArguments> = {
  command: COMMAND_LIST.merge.usage,
  describe: COMMAND_LIST.merge.summary,
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dirs', { type: 'string', array: true, demandOption: true, describe: 'shard run directories' })
      .option('out', {
        type: 'string',
        default: 'reports',
        describe: 'folder the merged run directory is created in (as for run)',
      })
      .options(HISTORY_OPTIONS)
      .option('mixed-hardware', {
        type: 'boolean',
        default: false,
        describe:
          'merge shards from different machines: outputs judged together, no recommendation or timing comparison',
      }) as unknown as Argv<MergeArguments>,
  handler: async (argv) => {
    if (argv.history !== undefined) {
      validateCommit(argv.commit);
      validateWindow(argv.historyWindow);
      await probeHistory(argv.history);
    }
    const runDirs = [];
    for (const given of argv.runDirs) {
      const { runDir, note } = await findRunDirectory(path.resolve(given));
      if (note) process.stderr.write(`threadgate: ${note}\n`);
      runDirs.push(runDir);
    }
    const merged = await mergeRuns(runDirs, path.resolve(argv.out), new Date(), { mixedHardware: argv.mixedHardware });
    const { baseline } = await loadBaselineFor(merged.planFile.plan.matrix, undefined);
    // In GitHub Actions the merged report.md goes to the job summary, as `run`'s does.
    const writer = createReportWriter(merged.runDir, { githubStepSummary: process.env['GITHUB_STEP_SUMMARY'] ?? null });
    await writer.prepare();
    const report = await finishReport(merged, writer, baseline, new Date());
    await writer.appendStepSummary(report);
    process.stdout.write(`${formatSummaryTable(report)}\nmerged ${argv.runDirs.length} shards into ${merged.runDir}\n`);
    // A merge with runs missing is an incomplete night: it is not added to the history.
    const history =
      report.pendingRuns === 0
        ? await applyHistory(report, argv, true, process.cwd(), (message) => process.stderr.write(`${message}\n`))
        : null;
    if (argv.history !== undefined && report.pendingRuns > 0)
      process.stderr.write(`history ${argv.history}: not added (${report.pendingRuns} run(s) missing)\n`);
    process.stdout.write(formatHistoryOutcome(history, argv.history, true));
    process.exitCode = report.pendingRuns > 0 ? 4 : combineExitCodes(report.gate.exitCode, history);
  },
};

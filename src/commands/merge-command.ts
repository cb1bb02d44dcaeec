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
import { COMMAND_LIST } from './command-list.js';

interface MergeArguments {
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
      .option('out', { type: 'string', default: 'reports', describe: 'folder the merged run directory is created in (as for run)' })
      .option('mixed-hardware', { type: 'boolean', default: false, describe: 'merge shards from different machines: outputs judged together, no recommendation or timing comparison' }) as unknown as Argv<MergeArguments>,
  handler: async (argv) => {
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
    process.exitCode = report.pendingRuns > 0 ? 4 : report.gate.exitCode;
  },
};

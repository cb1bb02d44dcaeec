// `threadgate baseline save RUN_DIR [--to FILE]`: stores golden digests and this machine's figures.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/errors.js';
import { analyzeRun } from './finish-report.js';
import { loadRun } from './load-run.js';
import { baselinePathFor, loadBaseline, writeBaseline } from '../baselines/baseline-store.js';
import { buildBaseline, currentCommit, refuseBaseline } from './save-baseline.js';
import { COMMAND_LIST } from './command-list.js';

interface SaveArguments {
  runDir: string;
  to?: string;
}

const saveCommand: CommandModule<object, SaveArguments> = {
  command: 'save <run-dir>',
  describe: 'save golden digests and this machine\'s performance figures from a deterministic run',
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'a finished run directory' })
      .option('to', { type: 'string', describe: 'baseline file (default baselines/<matrix>.json beside the matrix folder)' }) as unknown as Argv<SaveArguments>,
  handler: async (argv) => {
    const run = await loadRun(path.resolve(argv.runDir));
    const report = await analyzeRun(run, null, new Date());
    const refusal = refuseBaseline(report);
    if (refusal) {
      process.stderr.write(`threadgate: not saved: ${refusal}\n`);
      process.exitCode = report.determinism.verdict === 'pass' ? EXIT.crashed : EXIT.determinism;
      return;
    }
    const file = argv.to ? path.resolve(argv.to) : baselinePathFor(report.matrix);
    const existing = await loadBaseline(file, true);
    const baseline = buildBaseline(report, existing, await currentCommit(), new Date().toISOString());
    await writeBaseline(file, baseline);
    const machines = Object.keys(baseline.performance).length;
    process.stdout.write(`baseline saved to ${file}: golden digests of ${Object.keys(baseline.golden?.tables ?? {}).length} tables, performance for ${machines} machine(s) (this one: ${report.hardware.id})\n`);
  },
};

export const baselineCommand: CommandModule = {
  command: COMMAND_LIST.baseline.usage,
  describe: COMMAND_LIST.baseline.summary,
  builder: (yargs: Argv) => yargs.command(saveCommand).demandCommand(1, 'name an action: save'),
  handler: () => undefined,
};

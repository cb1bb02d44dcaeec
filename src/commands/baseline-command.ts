// `threadgate baseline save RUN_DIR [--to FILE]`: stores golden digests and this machine's figures.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/errors.js';
import { analyzeRun } from './finish-report.js';
import { loadRunFrom } from './load-run.js';
import { ensureStableDigests } from './ensure-stable-digests.js';
import { loadBaseline, saveLocationFor, writeBaseline } from '../baselines/baseline-store.js';
import { buildBaseline, currentCommit, refuseBaseline } from './save-baseline.js';
import { COMMAND_LIST } from './command-list.js';

interface SaveArguments {
  runDir: string;
  to?: string;
}

const saveCommand: CommandModule<object, SaveArguments> = {
  command: 'save <run-dir>',
  describe: "save golden digests and this machine's performance figures from a deterministic run",
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'a finished run directory' })
      .option('to', {
        type: 'string',
        describe:
          'baseline file (default: baselines/<matrix>.json beside the matrix folder; for a matrix of an installed package, ./baselines/<matrix>.json)',
      }) as unknown as Argv<SaveArguments>,
  handler: async (argv) => {
    // The golden digests are the reference run's md5 digests: taken now from its database if the run took none.
    const run = await ensureStableDigests(await loadRunFrom(argv.runDir, process.stderr));
    const report = await analyzeRun(run, null, new Date());
    const refusal = refuseBaseline(report);
    if (refusal) {
      process.stderr.write(`threadgate: not saved: ${refusal}\n`);
      process.exitCode = report.determinism.verdict !== 'fail' ? EXIT.crashed : EXIT.determinism;
      return;
    }
    const location = argv.to ? { file: path.resolve(argv.to), note: null } : saveLocationFor(report.matrix);
    if (location.note) process.stderr.write(`threadgate: ${location.note}\n`);
    const { file } = location;
    const existing = await loadBaseline(file, true, argv.to ? '--to' : 'baseline');
    const baseline = buildBaseline(report, existing, await currentCommit(), new Date().toISOString());
    await writeBaseline(file, baseline);
    const machines = Object.keys(baseline.performance).length;
    const replaced = existing
      ? ` (replaced the golden digests saved ${existing.golden?.savedAt ?? 'before'}${existing.performance[report.hardware.id] ? " and this machine's figures" : ''})`
      : '';
    process.stdout.write(
      `baseline saved to ${file}${replaced}: golden digests of ${Object.keys(baseline.golden?.tables ?? {}).length} tables, performance for ${machines} machine(s) (this one: ${report.hardware.id})\n`,
    );
  },
};

export const baselineCommand: CommandModule = {
  command: COMMAND_LIST.baseline.usage,
  describe: COMMAND_LIST.baseline.summary,
  builder: (yargs: Argv) => yargs.command(saveCommand).demandCommand(1, 'name an action: save'),
  handler: () => undefined,
};

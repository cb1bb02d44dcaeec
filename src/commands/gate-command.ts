// `threadgate gate RUN_DIR`: the release gate alone, exiting with its verdict's code.
import { BASELINE_OPTION, baselineRequest } from '../baselines/baseline-option.js';
import type { Argv, CommandModule } from 'yargs';
import { loadRunFrom } from './load-run.js';
import { ensureStableDigests, readsStableDigests } from './ensure-stable-digests.js';
import { analyzeRun } from './finish-report.js';
import { loadBaselineFor } from '../baselines/baseline-store.js';
import { COMMAND_LIST } from './command-list.js';
import {
  HISTORY_OPTIONS,
  combineExitCodes,
  formatHistoryOutcome,
  type HistoryFlags,
} from '../history/history-flags.js';
import { applyHistory } from '../history/history-option.js';

interface GateArguments extends HistoryFlags {
  runDir: string;
  baseline?: string | false;
  json: boolean;
}

const MARK = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;

export const gateCommand: CommandModule<object, GateArguments> = {
  command: COMMAND_LIST.gate.usage,
  describe: COMMAND_LIST.gate.summary,
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'a run directory' })
      .option('baseline', BASELINE_OPTION)
      .options(HISTORY_OPTIONS)
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print the gate result as JSON',
      }) as unknown as Argv<GateArguments>,
  handler: async (argv) => {
    const loaded = await loadRunFrom(argv.runDir, process.stderr);
    const { baseline, file } = await loadBaselineFor(loaded.planFile.plan.matrix, baselineRequest(argv.baseline));
    // Golden digests are compared with the reference run's md5 digests: taken now if the run took none.
    const run = readsStableDigests(baseline) ? await ensureStableDigests(loaded) : loaded;
    const report = await analyzeRun(run, baseline, new Date());
    const { gate } = report;
    // The run is judged with the history, not added to it: gate reads, run and merge write.
    const history = await applyHistory(report, argv, false, process.cwd(), (message) =>
      process.stderr.write(`${message}\n`),
    );
    const exitCode = combineExitCodes(gate.exitCode, history);
    // The history can only make the verdict worse: an incomplete run stays incomplete.
    const verdict = exitCode === gate.exitCode ? gate.verdict : 'fail';
    if (argv.json) {
      process.stdout.write(
        `${JSON.stringify({ ...gate, verdict, exitCode, baseline: file, comparisons: report.baselineComparisons ?? null, ...(history ? { history: history.gate } : {}) }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(
        `gate: ${verdict.toUpperCase()} (exit ${exitCode})${file ? ` against ${file}` : ' (no baseline)'}\n`,
      );
      for (const reason of gate.reasons)
        process.stdout.write(`  ${MARK[reason.status]}  ${reason.check}: ${reason.message}\n`);
      process.stdout.write(formatHistoryOutcome(history, argv.history, false));
    }
    process.exitCode = exitCode;
  },
};

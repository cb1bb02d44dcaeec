// `threadgate run [MATRIX]`: runs a matrix, prints the summary, and exits with the gate's verdict.
import { BASELINE_OPTION, baselineRequest } from '../baselines/baseline-option.js';
import type { Argv, CommandModule } from 'yargs';
import { formatSummaryTable } from '../report/summary-table.js';
import { InputError } from '../core/errors.js';
import { formatDryRun, planDryRun, serializeDryRun } from './dry-run.js';
import { describeMatrixDefault } from '../runner/matrix-default-help.js';
import { readRunFlags } from '../runner/run-flags.js';
import { addConditionOptions, readConditionFlags } from '../runner/condition-flags.js';
import { addSearchOptions, readSearchFlags } from '../search/search-flags.js';
import {
  HISTORY_OPTIONS,
  combineExitCodes,
  formatHistoryOutcome,
  validateCommit,
  validateWindow,
  type HistoryFlags,
} from '../history/history-flags.js';
import { COMMAND_LIST } from './command-list.js';

/** Exit code when Ctrl-C stopped the matrix early (the shell's convention for SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** The signals that stop a run cleanly (each is handled once: a second of the same kind kills the harness as usual). */
const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

interface RunArguments extends HistoryFlags {
  matrix?: string;
  threads?: string;
  modes?: string;
  reps?: string;
  warmup?: string;
  timeout?: string;
  out: string;
  shard?: string;
  resume?: string;
  baseline?: string | false;
  json: boolean;
  quiet: boolean;
  dryRun: boolean;
  stableDigests: boolean;
  stressMemory?: string;
  stressLimit?: string;
  rerunNoisy?: string;
  search?: string;
  searchBudget?: string;
}

export const runCommand: CommandModule<object, RunArguments> = {
  command: COMMAND_LIST.run.usage,
  describe: COMMAND_LIST.run.summary,
  builder: (yargs: Argv) =>
    addSearchOptions(addConditionOptions(yargs))
      .positional('matrix', {
        type: 'string',
        describe: 'matrix file (YAML or JSON)',
        defaultDescription: './matrices/quick.yaml, else the one shipped with threadgate',
      })
      .option('threads', {
        type: 'string',
        describe: 'thread counts, e.g. 1,2,4 (overrides the file)',
        defaultDescription: describeMatrixDefault('threads'),
      })
      .option('modes', {
        type: 'string',
        describe: 'modes, e.g. selective,sequential (overrides the file)',
        defaultDescription: describeMatrixDefault('modes'),
      })
      .option('reps', {
        type: 'string',
        describe: 'timed repetitions per configuration',
        defaultDescription: describeMatrixDefault('repetitions'),
      })
      .option('warmup', {
        type: 'string',
        describe: 'untimed warmup runs per configuration',
        defaultDescription: describeMatrixDefault('warmup'),
      })
      .option('timeout', {
        type: 'string',
        describe: 'per-run timeout, e.g. 90s, 10m (overrides the file)',
        defaultDescription: describeMatrixDefault('timeout'),
      })
      .option('out', { type: 'string', default: 'reports', describe: 'folder the run directory is created in' })
      .option('shard', { type: 'string', describe: 'run only shard K of N, e.g. 2/4 (merge the shards afterwards)' })
      .option('resume', { type: 'string', describe: 'finish an interrupted run directory' })
      .option('baseline', BASELINE_OPTION)
      .options(HISTORY_OPTIONS)
      .option('stable-digests', {
        type: 'boolean',
        default: false,
        describe:
          "take the reference run's md5 digest at the end even without a baseline's golden digests to check (stable-digests.json)",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print a machine-readable summary on stdout' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines, only the summary' })
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe: 'check the matrix, flags and target and print the plan; run nothing',
      }) as unknown as Argv<RunArguments>,
  handler: async (argv) => {
    const flags = readRunFlags(argv);
    const { shard } = flags;
    const overrides = { ...flags.overrides, ...readConditionFlags(argv), ...readSearchFlags(argv) };
    if (argv.dryRun) {
      if (argv.resume !== undefined)
        throw new InputError("--dry-run: checks a new run's matrix and flags; drop --resume");
      const dryRun = await planDryRun({ matrixPath: argv.matrix ?? null, overrides, shard });
      process.stdout.write(argv.json ? serializeDryRun(dryRun) : formatDryRun(dryRun));
      return;
    }
    // Imported here: run-matrix.js pulls in DuckDB and the reporters, which bad input never needs.
    const { refuseOverridesOnResume, runMatrix } = await import('./run-matrix.js');
    if (argv.resume !== undefined) refuseOverridesOnResume(overrides, shard, argv.matrix ?? null);
    // A history that cannot take the run fails now, not after the matrix has run.
    if (argv.history !== undefined) {
      validateCommit(argv.commit);
      validateWindow(argv.historyWindow);
      await (await import('../history/read-history.js')).probeHistory(argv.history);
    }

    const controller = new AbortController();
    const onInterrupt = () => {
      process.stderr.write('\nthreadgate: interrupted; stopping the current run (finish later with --resume)\n');
      controller.abort();
    };
    // Ctrl-C, a polite kill and a closed terminal all stop the same way: the run's tree killed, reports written.
    for (const signal of INTERRUPT_SIGNALS) process.once(signal, onInterrupt);
    try {
      const result = await runMatrix(
        {
          matrixPath: argv.matrix ?? null,
          overrides,
          outRoot: argv.out,
          shard,
          resume: argv.resume ?? null,
          baseline: baselineRequest(argv.baseline),
          quiet: argv.quiet,
          stableDigests: argv.stableDigests,
        },
        {
          progress: process.stderr,
          isTTY: Boolean(process.stderr.isTTY),
          signal: controller.signal,
          githubStepSummary: process.env['GITHUB_STEP_SUMMARY'] ?? null,
          now: () => new Date(),
        },
      );
      const { report } = result;
      // An unfinished run would put a partial night into the history: it is added once --resume finishes it.
      const finished = !result.interrupted && report.pendingRuns === 0;
      const history = finished
        ? await (await import('../history/history-option.js')).applyHistory(
            report,
            argv,
            true,
            process.cwd(),
            (message) => process.stderr.write(`${message}\n`),
          )
        : null;
      if (argv.history !== undefined && !finished)
        process.stderr.write(`history ${argv.history}: not added (the run is unfinished)\n`);
      if (argv.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              runDir: result.runDir,
              interrupted: result.interrupted,
              gate: report.gate,
              determinism: { verdict: report.determinism.verdict, divergences: report.determinism.divergences.length },
              recommendation: report.recommendation,
              baseline: result.baselineFile,
              ...(history ? { history: history.gate } : {}),
            },
            null,
            2,
          )}\n`,
        );
      } else {
        process.stdout.write(`${formatSummaryTable(report)}\n`);
        process.stdout.write(`run directory: ${result.runDir}\n`);
        if (result.baselineFile) process.stdout.write(`baseline: ${result.baselineFile}\n`);
        if (result.interrupted)
          process.stdout.write(
            `interrupted with ${report.pendingRuns} runs left: threadgate run --resume ${result.runDir}\n`,
          );
        process.stdout.write(formatHistoryOutcome(history, argv.history, true));
      }
      process.exitCode = result.interrupted ? EXIT_INTERRUPTED : combineExitCodes(report.gate.exitCode, history);
    } finally {
      for (const signal of INTERRUPT_SIGNALS) process.off(signal, onInterrupt);
    }
  },
};

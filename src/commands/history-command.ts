// `threadgate history add|check|report`: the nightly history of runs in one DuckDB file — add run
// directories to it, find where each configuration's level changed and where outputs changed, and
// draw it as a page plus a Markdown summary for the CI job's page.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../core/errors.js';
import { COMMAND_LIST } from './command-list.js';
import { checkHistory } from '../history/check-history.js';
import { resolveCommit, targetCheckout } from '../history/commit-info.js';
import { formatHistoryCheck } from '../history/format-check.js';
import { appendToHistory } from '../history/history-store.js';
import { validateCommit } from '../history/history-flags.js';
import { readHistory } from '../history/read-history.js';
import { buildHistoryRun } from '../history/run-entry.js';
import { readRunReport } from './history-run-report.js';
import { writeHistoryReport } from '../history/write-history-report.js';

interface AddArguments {
  runDirs: string[];
  db: string;
  commit?: string;
}
interface CheckArguments {
  db: string;
  json: boolean;
  minSegment: number;
  maxP: number;
}
interface ReportArguments {
  db: string;
  out: string;
  minSegment: number;
  maxP: number;
}

const DB_OPTION = { type: 'string', demandOption: true, describe: 'the history file (DuckDB)' } as const;
const DETECTOR_OPTIONS = {
  'min-segment': {
    type: 'number',
    default: 3,
    describe: 'fewest commits a level may last (one outlier is never a change)',
  },
  'max-p': {
    type: 'number',
    default: 0.001,
    describe: "a change's two-sided p-value (Student's t-test) must be at most this",
  },
} as const;

function readDetectorFlags(argv: { minSegment: number; maxP: number }) {
  if (!Number.isInteger(argv.minSegment) || argv.minSegment < 2)
    throw new InputError(`--min-segment: ${JSON.stringify(argv.minSegment)} is not a whole number >= 2`);
  if (!(argv.maxP > 0 && argv.maxP < 1))
    throw new InputError(`--max-p: ${JSON.stringify(argv.maxP)} is not a probability between 0 and 1`);
  return { minSegment: argv.minSegment, maxPValue: argv.maxP };
}

const addCommand: CommandModule<object, AddArguments> = {
  command: 'add <run-dirs..>',
  describe: 'add run directories to the history (a run added twice is kept once)',
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dirs', { type: 'string', array: true, demandOption: true, describe: 'run directories' })
      .option('db', DB_OPTION)
      .option('commit', {
        type: 'string',
        describe:
          "the commit the runs measured (default: git HEAD of the target's checkout or of the working directory)",
      }) as unknown as Argv<AddArguments>,
  handler: async (argv) => {
    const commitFlag = validateCommit(argv.commit);
    const runs = [];
    for (const runDir of argv.runDirs) {
      const report = await readRunReport(path.resolve(runDir));
      runs.push(buildHistoryRun(report, await resolveCommit(commitFlag, targetCheckout(report.matrix, process.cwd()))));
    }
    const added = await appendToHistory(argv.db, runs, { onWait: (message) => process.stderr.write(`${message}\n`) });
    const commits = [...new Set(runs.map((run) => run.commit.sha ?? 'no commit'))]
      .map((c) => c.slice(0, 10))
      .join(', ');
    process.stdout.write(
      `history ${argv.db}: added ${added} run(s)${added < runs.length ? `, ${runs.length - added} already there` : ''} (commit ${commits})\n`,
    );
  },
};

const checkCommand: CommandModule<object, CheckArguments> = {
  command: 'check',
  describe: 'change points of every configuration and metric, output (digest) changes and determinism turns',
  builder: (yargs: Argv) =>
    yargs.option('db', DB_OPTION).options(DETECTOR_OPTIONS).option('json', {
      type: 'boolean',
      default: false,
      describe: 'print the check as JSON',
    }) as unknown as Argv<CheckArguments>,
  handler: async (argv) => {
    const settings = readDetectorFlags(argv);
    const history = await readHistory(argv.db, { onWait: (message) => process.stderr.write(`${message}\n`) });
    const check = checkHistory(history, settings);
    process.stdout.write(
      argv.json
        ? `${JSON.stringify({ file: argv.db, runs: history.runs, ...check }, null, 2)}\n`
        : formatHistoryCheck(check, history.runs, argv.db),
    );
  },
};

const reportCommand: CommandModule<object, ReportArguments> = {
  command: 'report',
  describe: 'history.html (a trend chart per configuration) and history-summary.md (also to $GITHUB_STEP_SUMMARY)',
  builder: (yargs: Argv) =>
    yargs.option('db', DB_OPTION).options(DETECTOR_OPTIONS).option('out', {
      type: 'string',
      demandOption: true,
      describe: 'folder to write history.html and history-summary.md into',
    }) as unknown as Argv<ReportArguments>,
  handler: async (argv) => {
    const settings = readDetectorFlags(argv);
    const history = await readHistory(argv.db, {
      withSamples: true,
      onWait: (message) => process.stderr.write(`${message}\n`),
    });
    const written = await writeHistoryReport(
      history,
      checkHistory(history, settings),
      path.resolve(argv.out),
      new Date(),
      process.env['GITHUB_STEP_SUMMARY'] ?? null,
    );
    process.stdout.write(`${written.map((file) => `wrote ${file}`).join('\n')}\n`);
  },
};

export const historyCommand: CommandModule = {
  command: COMMAND_LIST.history.usage,
  describe: COMMAND_LIST.history.summary,
  builder: (yargs: Argv) =>
    yargs
      .command(addCommand)
      .command(checkCommand)
      .command(reportCommand)
      .demandCommand(1, 'name one: history add, history check, history report'),
  handler: () => undefined,
};

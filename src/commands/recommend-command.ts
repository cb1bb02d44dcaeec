// `threadgate recommend RUN_DIR [--write [FILE]] [--apply CONFIG]`: prints or stores the thread-count
// recommendation that `simulate --threads auto` reads, or writes it into a PlanAlign config.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { formatMemoryPerThread, formatPercent } from '../core/format.js';
import { CONFIDENCE_MEANING } from '../analysis/recommendation.js';
import type { Recommendation } from '../analysis/types.js';
import { recommendationPathFor } from '../baselines/recommendation-location.js';
import { describeFileError } from '../core/describe-file-error.js';
import { EXIT, InputError } from '../core/errors.js';
import { loadRunFrom } from './load-run.js';
import { applyRecommendation, checkApplicable } from '../targets/apply-recommendation.js';
import { analyzeRun } from './finish-report.js';
import { COMMAND_LIST } from './command-list.js';

interface RecommendArguments {
  runDir: string;
  write?: string;
  apply?: string;
  json: boolean;
}

/** A person's view of a recommendation: the answer first, then why. */
export function formatRecommendation(recommendation: Recommendation): string {
  const lines = [
    `recommended: ${recommendation.thread_count} threads, mode ${recommendation.mode} (confidence ${formatPercent(recommendation.confidence)}: ${CONFIDENCE_MEANING})`,
    `max_threads: ${recommendation.max_threads}; memory per thread: ${formatMemoryPerThread(recommendation.memory_per_thread_bytes)}`,
    `hardware: ${recommendation.hardware.cpuModel}, ${recommendation.hardware.logicalCores} logical cores (id ${recommendation.hardware.id})`,
    ...recommendation.reasons.map((reason) => `  - ${reason}`),
    '',
    'simulation_config.yaml:',
    recommendation.planalign_snippet.trimEnd(),
  ];
  return lines.join('\n');
}

export const recommendCommand: CommandModule<object, RecommendArguments> = {
  command: COMMAND_LIST.recommend.usage,
  describe: COMMAND_LIST.recommend.summary,
  builder: (yargs: Argv) =>
    yargs
      .positional('run-dir', { type: 'string', demandOption: true, describe: 'a run directory' })
      .option('write', {
        type: 'string',
        describe:
          'write recommendation.json to FILE (no value: $THREADGATE_RECOMMENDATIONS or ~/.threadgate/recommendations/<hardware id>.json)',
      })
      .option('apply', {
        type: 'string',
        describe:
          'write the recommended threading settings into a PlanAlign simulation_config.yaml (other keys and comments kept)',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print the recommendation as JSON',
      }) as unknown as Argv<RecommendArguments>,
  handler: async (argv) => {
    // A config that cannot be read or written fails first, before a recommendation is printed.
    if (argv.apply !== undefined) await checkApplicable(argv.apply);
    const run = await loadRunFrom(argv.runDir, process.stderr);
    const report = await analyzeRun(run, null, new Date(), { predict: false });
    const { recommendation } = report;
    if (!recommendation) {
      process.stderr.write(
        `threadgate: no recommendation: ${report.recommendationError ?? 'no eligible configuration'}\n`,
      );
      process.exitCode = report.gate.exitCode !== EXIT.pass ? report.gate.exitCode : EXIT.crashed;
      return;
    }
    process.stdout.write(
      argv.json ? `${JSON.stringify(recommendation, null, 2)}\n` : `${formatRecommendation(recommendation)}\n`,
    );
    if (argv.write !== undefined) {
      const file = argv.write === '' ? recommendationPathFor(recommendation.hardware.id) : path.resolve(argv.write);
      try {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, `${JSON.stringify(recommendation, null, 2)}\n`);
      } catch (error) {
        throw new InputError(`--write: cannot write ${file}: ${describeFileError(error)}`);
      }
      process.stderr.write(`recommendation written to ${file}\n`);
    }
    if (argv.apply !== undefined) {
      const changes = await applyRecommendation(recommendation, argv.apply);
      const summary =
        changes.length === 0
          ? ' (already set: nothing changed)'
          : `:\n${changes.map((line) => `  ${line}`).join('\n')}`;
      process.stderr.write(`applied to ${argv.apply}${summary}\n`);
    }
  },
};

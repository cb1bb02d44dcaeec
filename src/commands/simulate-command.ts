// `threadgate simulate`: the reference orchestrator's command. Resolves options, makes sure the
// libuv pool can carry the thread count, runs the simulation and prints its summary.
import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/errors.js';
import { readHardwareId } from '../orchestrator/hardware-id.js';
import { formatExecutions } from '../orchestrator/run-metadata.js';
import { runSimulation, type SimulationSummary } from '../orchestrator/simulate.js';
import { resolveSimulateOptions, SIMULATE_DEFAULTS, type SimulateFlags } from '../orchestrator/simulate-options.js';
import { resolveAutoThreads } from '../orchestrator/thread-auto.js';
import { needsReexec, reexecWithPool } from '../orchestrator/thread-pool.js';
import { COMMAND_LIST } from './command-list.js';

const str = { type: 'string' } as const;

function printSummary(summary: SimulationSummary, json: boolean, verbose: boolean): void {
  if (verbose) for (const line of formatExecutions(summary.executions)) process.stderr.write(`${line}\n`);
  if (json) {
    const { executions: _executions, ...rest } = summary;
    process.stdout.write(`${JSON.stringify(rest)}\n`);
    return;
  }
  const rows = Object.entries(summary.rows)
    .map(([t, n]) => `${t}=${n}`)
    .join(' ');
  process.stdout.write(
    `simulated ${summary.employees} employees ${summary.years} (seed ${summary.seed}) with ${summary.threads} threads (${summary.threadSource}), ` +
      `mode ${summary.mode} in ${(summary.wallMs / 1000).toFixed(2)} s, peak RSS ${(summary.peakRssBytes / 1024 ** 2).toFixed(0)} MiB\n${rows}\n`,
  );
}

/** The reference orchestrator, as the CLI registers it. */
export const simulateCommand: CommandModule<object, SimulateFlags> = {
  command: COMMAND_LIST.simulate.usage,
  describe: COMMAND_LIST.simulate.summary,
  builder: (yargs: Argv<object>) =>
    yargs
      .option('threads', {
        ...str,
        describe: 'models run at once and DuckDB threads: 1..16 or auto',
        defaultDescription: `${SIMULATE_DEFAULTS.threads}, or --config's thread_count`,
      })
      .option('mode', { ...str, describe: 'sequential | selective | aggressive (default selective)' })
      .option('years', {
        ...str,
        describe: 'simulation years, e.g. 2025-2029',
        defaultDescription: `${SIMULATE_DEFAULTS.startYear}-${SIMULATE_DEFAULTS.endYear}, or --config's`,
      })
      .option('employees', { ...str, describe: 'census size (default 10000)' })
      .option('seed', { ...str, describe: 'random seed (default 42)' })
      .option('database', { ...str, describe: 'DuckDB file to create (required)' })
      .option('scenario-id', { ...str, describe: 'scenario_id written on every event (default "default")' })
      .option('config', { ...str, describe: 'PlanAlign simulation_config.yaml (flags win over it)' })
      .option('recommendation', { ...str, describe: 'recommendation.json for --threads auto' })
      .option('memory-limit', {
        ...str,
        describe: 'RSS above which the adaptive adjuster lowers concurrency, e.g. 512MB',
      })
      .option('verbose', { type: 'boolean', describe: 'print per-model timings on stderr' })
      .option('force', { type: 'boolean', describe: 'replace an existing database' })
      .option('json', { type: 'boolean', describe: 'print a one-object JSON summary on stdout' })
      .option('keep-intermediates', {
        type: 'boolean',
        describe: "also store each model's last state in the database (for threadgate's lineage walk)",
      })
      .option('probe-pool', {
        type: 'boolean',
        hidden: true,
        describe: 'measure how many DuckDB queries run at once',
      }) as unknown as Argv<SimulateFlags>,
  handler: async (flags) => {
    const options = await resolveSimulateOptions(flags);
    let threads = options.threads === 'auto' ? 1 : options.threads;
    let maxThreads = threads;
    let threadSource = options.threadSource;
    let mode = options.mode;
    if (options.threads === 'auto') {
      const hardwareId = (await readHardwareId()) ?? 'unknown-hardware';
      const auto = await resolveAutoThreads(hardwareId, options.recommendationFile);
      threads = auto.threads;
      maxThreads = auto.maxThreads;
      threadSource = auto.source;
      if (!options.modeGiven && auto.mode !== null) mode = auto.mode;
      // The re-executed child resolves again and says it once; saying it here too would repeat it.
      if (!needsReexec(maxThreads)) {
        for (const warning of auto.warnings) process.stderr.write(`threadgate: warning: ${warning}\n`);
        process.stderr.write(`threadgate: --threads auto: ${auto.note}\n`);
      }
    }
    if (needsReexec(maxThreads)) {
      process.exitCode = await reexecWithPool(maxThreads);
      return;
    }
    const summary = await runSimulation({
      threads,
      threadSource,
      maxThreads,
      mode,
      startYear: options.startYear,
      endYear: options.endYear,
      employees: options.employees,
      seed: options.seed,
      database: options.database,
      scenarioId: options.scenarioId,
      memoryLimitBytes: options.memoryLimitBytes,
      replaceExisting: options.force,
      probePool: options.probePool,
      keepIntermediates: options.keepIntermediates,
    });
    printSummary(summary, options.json, options.verbose);
    process.exitCode = EXIT.pass;
  },
};

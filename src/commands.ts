// The commands the CLI registers, by the name they are invoked with; each lives beside the
// concern it fronts. A command's module is imported only when that command runs: importing all of
// them (DuckDB, Vega, execa, ...) took about a second, which every `simulate` the harness starts
// would pay before doing any work. Help and unknown names still see every command.
import type { CommandModule } from 'yargs';

// yargs command modules differ in their argument types; the CLI only needs to register them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

/** Loads one command's module; the key is the command's first word. */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<AnyCommand>>> = {
  run: async () => (await import('./runner/run-command.js')).runCommand,
  report: async () => (await import('./report/report-command.js')).reportCommand,
  gate: async () => (await import('./baselines/gate-command.js')).gateCommand,
  recommend: async () => (await import('./report/recommend-command.js')).recommendCommand,
  baseline: async () => (await import('./baselines/baseline-command.js')).baselineCommand,
  merge: async () => (await import('./runner/merge-command.js')).mergeCommand,
  digest: async () => (await import('./digest/digest-command.js')).digestCommand,
  diff: async () => (await import('./digest/diff-command.js')).diffCommand,
  simulate: async () => (await import('./orchestrator/simulate-command.js')).simulateCommand,
  census: async () => (await import('./census/census-command.js')).censusCommand,
  whatif: async () => (await import('./commands/whatif-command.js')).whatIfCommand,
};

/** The commands to register for `args`: the one named first when it is known, else all of them. */
export async function commandsFor(args: readonly string[]): Promise<AnyCommand[]> {
  const named = args.find((arg) => !arg.startsWith('-'));
  const loader = named !== undefined && Object.hasOwn(COMMAND_LOADERS, named) ? COMMAND_LOADERS[named] : undefined;
  return Promise.all(loader === undefined ? Object.values(COMMAND_LOADERS).map((load) => load()) : [loader()]);
}

// The commands the CLI registers. A command's module is imported only when that command runs:
// importing all of them (DuckDB, Vega, execa, ...) took about a second, which every `simulate` the
// harness starts, and every `--help`, would pay before doing any work. The list, `--help` and a
// mistyped name see every command through its summary alone (command-list.ts).
import type { CommandModule } from 'yargs';
import { COMMAND_LIST, type CommandName } from './command-list.js';

// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types; the CLI only registers them
type AnyCommand = CommandModule<any, any>;

/** Loads one command's module. */
export const COMMAND_LOADERS: Readonly<Record<CommandName, () => Promise<AnyCommand>>> = {
  run: async () => (await import('./run-command.js')).runCommand,
  report: async () => (await import('./report-command.js')).reportCommand,
  gate: async () => (await import('./gate-command.js')).gateCommand,
  recommend: async () => (await import('./recommend-command.js')).recommendCommand,
  baseline: async () => (await import('./baseline-command.js')).baselineCommand,
  merge: async () => (await import('./merge-command.js')).mergeCommand,
  digest: async () => (await import('./digest-command.js')).digestCommand,
  diff: async () => (await import('./diff-command.js')).diffCommand,
  simulate: async () => (await import('./simulate-command.js')).simulateCommand,
  census: async () => (await import('./census-command.js')).censusCommand,
  whatif: async () => (await import('./whatif-command.js')).whatIfCommand,
  history: async () => (await import('./history-command.js')).historyCommand,
};

/** A command as the list shows it: its usage and summary, with no handler to load. */
function listedOnly(name: CommandName): AnyCommand {
  return { command: COMMAND_LIST[name].usage, describe: COMMAND_LIST[name].summary, handler: () => undefined };
}

/**
 * The commands to register for `args`: the one named first, loaded, when it is known; else every
 * command by its summary alone (the list, `--help`, and a suggestion for a mistyped name).
 */
export async function commandsFor(args: readonly string[]): Promise<AnyCommand[]> {
  const named = args.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && Object.hasOwn(COMMAND_LOADERS, named))
    return [await COMMAND_LOADERS[named as CommandName]()];
  return (Object.keys(COMMAND_LIST) as CommandName[]).map(listedOnly);
}

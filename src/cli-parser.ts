// The yargs parser every command is registered on, apart from cli.ts (which runs it on import) so
// that tests can drive the very same parser, handlers and error mapping in-process.
import yargs, { type Argv, type CommandModule } from 'yargs';
import { COMMAND_LIST } from './commands/command-list.js';
import { InputError } from './core/errors.js';

/** The parser for `args` with `commands` registered; parse errors and handler errors are thrown. */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
export function createParser(args: readonly string[], commands: readonly CommandModule<any, any>[]): Argv {
  let parser = yargs([...args])
    .scriptName('threadgate')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, `name a command: ${Object.keys(COMMAND_LIST).join(', ')}`)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs calls this for its own parse errors (message) and for errors thrown by handlers (error).
      throw error ?? new InputError(message);
    });
  for (const command of commands) parser = parser.command(command);
  return parser;
}

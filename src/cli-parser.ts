// The yargs parser every command is registered on, apart from cli.ts (which runs it on import) so
// that tests can drive the very same parser, handlers and error mapping in-process.
import yargs, { type Argv, type CommandModule } from 'yargs';
import { COMMAND_EXAMPLES, describeUnknownOptions } from './cli-help.js';
import { COMMAND_LIST, type CommandName } from './commands/command-list.js';
import { InputError } from './core/errors.js';

/**
 * yargs' two-line "Invalid values:\n  Argument: mode, Given: "bogus", Choices: ..." as the one line every
 * other input error is; null for any other message.
 */
export function describeBadChoice(message: string): string | null {
  const match = /^Invalid values:\s+Argument: ([\w-]+), Given: (.*), Choices: (.*)$/s.exec(message.trim());
  if (!match) return null;
  const choices = match[3]!.split(', ').map((choice) => choice.replace(/^"|"$/g, ''));
  return `--${match[1]}: expected one of ${choices.join(', ')}, got ${match[2]!.trim()}`;
}

/** The parser for `args` with `commands` registered; parse errors and handler errors are thrown. */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
export function createParser(args: readonly string[], commands: readonly CommandModule<any, any>[]): Argv {
  // The options of the command being parsed, for the suggestion an unknown flag gets.
  let knownOptions: string[] = [];
  let parser = yargs([...args])
    .scriptName('threadgate')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, `name a command: ${Object.keys(COMMAND_LIST).join(', ')} (threadgate --help describes each)`)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs calls this for its own parse errors (message) and for errors thrown by handlers (error).
      throw (
        error ?? new InputError(describeUnknownOptions(message, knownOptions) ?? describeBadChoice(message) ?? message)
      );
    });
  for (const command of commands) {
    const examples = COMMAND_EXAMPLES[String(command.command).split(' ')[0]! as CommandName] ?? [];
    const builder = command.builder;
    parser = parser.command({
      ...command,
      builder: (inner: Argv) => {
        let built = typeof builder === 'function' ? (builder(inner) as Argv) : inner.options(builder ?? {});
        for (const [line, what] of examples) built = built.example(line, what);
        // getOptions is public in yargs but missing from its type definitions.
        knownOptions = Object.keys(
          (built as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key,
        );
        return built;
      },
    });
  }
  return parser;
}

#!/usr/bin/env node
// The thin command-line front: registers one command module per command and maps errors to exit
// codes. It is the only place that prints an error and decides the process's exit code.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError, OutputError } from './errors.js';
import { commandsFor } from './commands.js';

/** Exit code for a fault of threadgate itself (not in the 0–4 contract, which judges the target). */
const EXIT_INTERNAL = 70;

function printError(error: unknown): number {
  if (error instanceof InputError || error instanceof OutputError) {
    process.stderr.write(`threadgate: error: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`threadgate: internal error: ${detail}\n`);
  return EXIT_INTERNAL;
}

async function main(): Promise<void> {
  const args = hideBin(process.argv);
  let parser = yargs(args)
    .scriptName('threadgate')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'name a command: run, report, gate, recommend, baseline, merge, digest, diff, simulate')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((message, error) => {
      // yargs calls this for its own parse errors (message) and for errors thrown by handlers (error).
      throw error ?? new InputError(message);
    });
  for (const command of await commandsFor(args)) parser = parser.command(command);
  await parser.parseAsync();
}

main().catch((error: unknown) => {
  process.exitCode = printError(error);
});

#!/usr/bin/env node
// The thin command-line front: registers one command module per command and maps errors to exit
// codes. It is the only place that prints an error and decides the process's exit code.
import { TOOL_VERSION } from './core/package-info.js';
import { describeError } from './core/errors.js';

// A reader that stops early (`threadgate gate RUN | head`) closes the pipe: that is not a fault of
// threadgate's, so the exit code already decided stands and nothing more is written.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // A CI step's `threadgate --version` needs neither the parser nor any command.
  if (args.length === 1 && args[0] === '--version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return;
  }
  const [{ createParser }, { commandsFor }] = await Promise.all([
    import('./cli-parser.js'),
    import('./commands/command-loaders.js'),
  ]);
  await createParser(args, await commandsFor(args)).parseAsync();
}

main().catch((error: unknown) => {
  const { exitCode, text } = describeError(error);
  process.stderr.write(text);
  process.exitCode = exitCode;
});

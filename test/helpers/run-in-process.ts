// A command run in-process the way dist/cli.js runs it: the CLI's own parser (createParser), the
// command's handler, and the error-to-exit-code mapping (describeError); stdout is captured.
import type { CommandModule } from 'yargs';
import { expect, vi } from 'vitest';
import { createParser } from '../../src/cli-parser.js';
import { describeError, InputError } from '../../src/core/errors.js';
import type { CliResult } from './run-cli.js';

/** What the CLI would print and exit with for `args`, without a process (yargs' --help is kept from exiting). */
export async function runInProcess(
  args: readonly string[],
  // biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types
  commands: readonly CommandModule<any, any>[],
): Promise<CliResult> {
  const written: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const exitCodeBefore = process.exitCode;
  try {
    await createParser(args, commands).exitProcess(false).parseAsync();
    return { exitCode: Number(process.exitCode ?? 0), stdout: written.join(''), stderr: '' };
  } catch (error) {
    const { exitCode, text } = describeError(error);
    return { exitCode, stdout: written.join(''), stderr: text };
  } finally {
    stdout.mockRestore();
    process.exitCode = exitCodeBefore;
  }
}

/** The message of the InputError `action` throws; fails the test if it throws nothing, or something else. */
export function inputErrorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error, 'an InputError').toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('no error thrown');
}

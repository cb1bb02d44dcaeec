// A write into the run directory that failed (disk full, read-only, permissions) becomes one clear
// line: what, which file, why, and how to finish. Before the first run it is a bad --out (exit 2);
// once runs have started it is an OutputError (exit 74), and what was journaled stays intact.
import { describeFileError } from './describe-file-error.js';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError, OutputError } from './errors.js';

/** True for an error of the file system (it carries an errno code such as ENOSPC), not a fault of threadgate. */
function isFileSystemError(error: unknown): boolean {
  return /^E[A-Z0-9]+$/.test(String((error as NodeJS.ErrnoException | null)?.code ?? ''));
}

/** `no space left on device`: the reason in words (users read no errno codes), or the error's message. */
export function describeWriteError(error: unknown): string {
  return describeFileError(error);
}

/**
 * Runs `write` during `run`; a failed write becomes an OutputError naming `what` and `file` (or
 * keeping the report writer's own OutputError), with the --resume command that finishes the run.
 * Any other error (a bug) goes through unchanged.
 */
export async function guardWrite<T>(what: string, file: string, runDir: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof OutputError) && !isFileSystemError(error)) throw error;
    const problem =
      error instanceof OutputError ? error.message : `cannot write ${what} ${file}: ${describeWriteError(error)}`;
    throw new OutputError(
      `${problem}; the runs journaled so far are kept: make room, then finish with threadgate run --resume ${runDir}`,
      { cause: error },
    );
  }
}

/** Runs `write` before anything was measured; a failure is a bad run directory (InputError, exit 2). */
export async function guardStartWrite<T>(what: string, file: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    throw new InputError(`cannot write ${what} ${file}: ${describeWriteError(error)}`, { cause: error });
  }
}

/**
 * mkdir -p that fails with the real reason: Node's recursive mkdir says ENOENT where the file system
 * is read-only or the folder not writable; a plain mkdir of the first missing folder says EROFS/EACCES.
 */
export async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let missing = path.resolve(dir);
    while (!existsSync(path.dirname(missing)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
    await mkdir(missing);
    throw error;
  }
}

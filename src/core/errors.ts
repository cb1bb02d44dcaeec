// Exit codes and the error type for the caller's mistakes: one place, so every command agrees.

/** The exit-code contract (README.md, Exit codes): CI scripts depend on these numbers. */
export const EXIT = {
  pass: 0,
  determinism: 1,
  input: 2,
  regression: 3,
  crashed: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Invalid input: a bad flag, matrix, file or value. The message is one line that names what was
 * wrong and where (file, key path, value). The CLI prints it and exits 2.
 */
export class InputError extends Error {
  readonly exitCode = EXIT.input;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** Exit code when the run directory stops being writable mid-run (disk full, read-only): sysexits' EX_IOERR. */
export const EXIT_OUTPUT = 74;

/**
 * A file of the run directory could not be written after runs had started (disk full, a folder made
 * read-only). Everything journaled before stays intact; the message says how to finish (--resume).
 */
export class OutputError extends Error {
  readonly exitCode = EXIT_OUTPUT;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutputError';
  }
}

/** Exit code for a fault of threadgate itself (not in the 0–4 contract, which judges the target). */
export const EXIT_INTERNAL = 70;

/**
 * What the CLI prints for an error that reached it, and the exit code it sets: an InputError is its
 * one line and exit 2, an OutputError its one line and exit 74; anything else is a bug of
 * threadgate, printed with its stack, exit 70.
 */
export function describeError(error: unknown): { readonly exitCode: number; readonly text: string } {
  if (error instanceof InputError || error instanceof OutputError)
    return { exitCode: error.exitCode, text: `threadgate: error: ${error.message}\n` };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { exitCode: EXIT_INTERNAL, text: `threadgate: internal error: ${detail}\n` };
}

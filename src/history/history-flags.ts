// `--history FILE`, `--commit SHA` and `--history-window N` of run, merge and gate: the options,
// their checks, and how the history's verdict joins the gate's. Light on purpose (no DuckDB): `run`
// loads it before it knows whether the matrix is even valid.
import { InputError } from '../core/errors.js';
import { DEFAULT_HISTORY_WINDOW, type HistoryGateResult } from './history-gate.js';

/** The yargs options the three commands add. */
export const HISTORY_OPTIONS = {
  history: {
    type: 'string',
    describe:
      'a history file (DuckDB): the run is judged against its change points (run and merge also add the run to it)',
  },
  commit: {
    type: 'string',
    describe: "the commit the run measured (default: git HEAD of the target's checkout or of the working directory)",
  },
  'history-window': {
    type: 'number',
    default: DEFAULT_HISTORY_WINDOW,
    describe: 'a slowdown beginning within this many newest commits fails the gate (exit 3)',
  },
} as const;

export interface HistoryFlags {
  readonly history?: string;
  readonly commit?: string;
  readonly historyWindow?: number;
}

/** A commit as a user may name it: a SHA, a tag or a branch name; never something git would read as an option. */
export function validateCommit(commit: string | undefined): string | null {
  if (commit === undefined) return null;
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(commit))
    throw new InputError(
      `--commit: ${JSON.stringify(commit)} is not a commit name (letters, digits, . _ / -; not starting with -)`,
    );
  return commit;
}

/** --history-window checked: a whole number of commits, at least 1. */
export function validateWindow(window: number | undefined): number {
  const value = window ?? DEFAULT_HISTORY_WINDOW;
  if (!Number.isInteger(value) || value < 1)
    throw new InputError(`--history-window: ${JSON.stringify(window)} is not a whole number of commits >= 1`);
  return value;
}

/** What the history said of a run: whether it was added, and its gate. */
export interface HistoryOutcome {
  /** Runs new to the file (0 when it was there already, or when only judged). */
  readonly added: number;
  readonly gate: HistoryGateResult;
}

/** The exit code once the history has judged: a history regression (3) outranks only a pass and crashes (4). */
export function combineExitCodes(gateExitCode: number, outcome: HistoryOutcome | null): number {
  if (outcome === null || outcome.gate.exitCode === 0) return gateExitCode;
  return gateExitCode === 0 || gateExitCode === 4 ? outcome.gate.exitCode : gateExitCode;
}

/** The lines a command prints about the history (nothing without --history). */
export function formatHistoryOutcome(outcome: HistoryOutcome | null, file: string | undefined, added: boolean): string {
  if (outcome === null || file === undefined) return '';
  const head = added
    ? `history ${file}: ${outcome.added === 1 ? 'run added' : 'run was there already'}; `
    : `history ${file}: `;
  return `${head}${outcome.gate.verdict.toUpperCase()} — ${outcome.gate.message}\n`;
}

// What every `run --dry-run` must end with, in-process or as a real process: exit 0 with the plan
// on stdout, or exit 2 with `threadgate: error: ` and short lines naming the flag or key path.
import { expect } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import { checkInputErrorMessage } from '../matrix/input-error-shape.js';

/** yargs's own refusals (strict mode): an unknown flag, a second positional, a missing value. */
const YARGS_FORMS = [
  /^Unknown arguments?: /,
  /^unknown option -/,
  /^Not enough arguments/,
  /^Missing required argument/,
  /^Did you mean /,
  /^Too many arguments/,
];

export function checkRunOutcome(outcome: { exitCode: number; stdout: string; stderr: string }, file: string): void {
  const summary = `exit ${outcome.exitCode}: ${outcome.stderr.slice(0, 500)}`;
  expect([EXIT.pass, EXIT.input], summary).toContain(outcome.exitCode);
  if (outcome.exitCode === EXIT.pass) {
    expect(outcome.stderr, 'nothing on stderr').toBe('');
    expect(outcome.stdout, 'the plan').toMatch(/nothing was run \(--dry-run\)|"runs": \[/);
    return;
  }
  expect(outcome.stderr.startsWith('threadgate: error: '), summary).toBe(true);
  // (execa strips the final newline of a real process's stderr; in-process it is still there.)
  const message = outcome.stderr.slice('threadgate: error: '.length).replace(/\n$/, '');
  if (YARGS_FORMS.some((form) => form.test(message))) {
    expect(message.split('\n').length, `one yargs line: ${message}`).toBeLessThanOrEqual(2);
    return;
  }
  checkInputErrorMessage(message, { file });
}

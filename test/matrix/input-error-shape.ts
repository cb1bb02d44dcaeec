// What a matrix or flag error must look like: short lines (one per problem, at most 11), each
// naming where — the file and a key path, a line and column, or the flag — and never a stack trace.
import { expect } from 'vitest';
import { displayPath } from '../../src/matrix/read-matrix-file.js';

/** A key path as src/matrix/format-issue.ts writes it: `threads[2]`, `tables["a b"].exempt`, `(top level)`, `plan`. */
const QUOTED = String.raw`\["(?:[^"\\]|\\.)*"\]`;
const KEY_PATH = new RegExp(
  String.raw`^(\(top level\)|plan|(?:[A-Za-z_$][\w$-]*|${QUOTED})(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|${QUOTED})*): `,
);

/** The forms of a file-level error (reading and parsing), before any key path exists. */
const FILE_LEVEL = [
  /^cannot read matrix file .+: /,
  /^.+:(\d+|\?):(\d+|\?): (YAML syntax error|duplicate key): /,
  /^.+:\d+: not UTF-8 text; /,
  /^.+: not valid JSON: /,
  /^.+: YAML aliases expand to more than \d+ nodes; refused as an alias bomb/,
  /^.+: nested too deeply to parse /,
  /^.+: no matrix in the file /,
];

/**
 * Checks an InputError message from loading `file`: each line starts with a file-level form, with
 * `<file>: <key path>: `, or, for a flag, with `--flag: `.
 */
export function checkInputErrorMessage(message: string, context: { file: string }): void {
  const lines = message.split('\n');
  expect(lines.length, `at most 11 lines: ${message.slice(0, 300)}`).toBeLessThanOrEqual(11);
  expect(message, 'no stack trace').not.toMatch(/\n\s+at /);
  const where = displayPath(context.file);
  for (const line of lines) {
    expect(line.length, `a short line: ${line.slice(0, 200)}`).toBeLessThanOrEqual(600);
    if (/^--[a-z-]+: /.test(line)) continue;
    if (FILE_LEVEL.some((form) => form.test(line))) continue;
    expect(line.startsWith(`${where}: `), `names the file: ${line}`).toBe(true);
    const rest = line.slice(where.length + 2);
    if (/^and \d+ more problems?$/.test(rest)) continue;
    expect(KEY_PATH.test(rest), `a key path after the file: ${line}`).toBe(true);
  }
}

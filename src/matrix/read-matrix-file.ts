// Reads a matrix file's bytes into plain data, refusing everything that is not a small UTF-8 YAML or
// JSON document with one InputError line: a folder, a huge file, bytes that are not UTF-8, a syntax
// error (line and column), a duplicate key (JSON too), an alias bomb, nesting too deep to parse.
import { describeFileError } from '../core/describe-file-error.js';
import { isUtf8 } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { InputError } from '../core/errors.js';
import { checkDocumentSize, MATRIX_LIMITS } from './limits.js';

/** Alias uses a document may expand (yaml's own default, set here on purpose): a "billion laughs" stops here. */
const MAX_ALIAS_COUNT = 100;

/** How errors name a matrix file: relative to the working folder when inside it, else absolute. */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/** The file's parsed contents, not yet validated. `given` is the path as the user gave it. */
export async function readMatrixFile(given: string, absolute: string): Promise<unknown> {
  const bytes = await readBytes(given, absolute);
  const file = displayPath(absolute);
  const value = parseMatrixText(decodeUtf8(bytes, file), file);
  // An empty YAML file (or one of comments only) parses to null: say so rather than "expected object".
  if (value === null || value === undefined)
    throw new InputError(
      `${file}: no matrix in the file (it is empty, or null); a matrix needs at least target: { kind: builtin }`,
    );
  return value;
}

async function readBytes(file: string, absolute: string): Promise<Buffer> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory())
      throw new InputError(`cannot read matrix file ${file}: it is a directory; expected a .yaml or .json file`);
    if (info.size > MATRIX_LIMITS.fileBytes) {
      throw new InputError(
        `cannot read matrix file ${file}: ${info.size} bytes, more than the limit of ${MATRIX_LIMITS.fileBytes} bytes (1 MiB) for a matrix`,
      );
    }
    return await readFile(absolute);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read matrix file ${file}: ${code === 'ENOENT' ? 'no such file' : describeFileError(error)}`,
    );
  }
}

/** UTF-8 only (a leading byte-order mark is dropped); otherwise names the first line that is not. */
function decodeUtf8(bytes: Buffer, file: string): string {
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  // A newline byte never occurs inside a multi-byte UTF-8 sequence, so checking line by line is exact.
  let line = 1;
  for (let start = 0; start <= bytes.length; line += 1) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) break;
    start = stop + 1;
  }
  throw new InputError(`${file}:${line}: not UTF-8 text; save the matrix as UTF-8`);
}

function parseMatrixText(text: string, file: string): unknown {
  try {
    return file.endsWith('.json') ? parseJson(text, file) : parseYaml(text, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    // The parsers recurse on nesting; the depth limit is checked on their result, this is the rest.
    if (error instanceof RangeError)
      throw new InputError(`${file}: nested too deeply to parse (a matrix is a few levels deep)`);
    throw error;
  }
}

function parseJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON: ${oneLine((error as Error).message)}`);
  }
  // JSON.parse keeps the last of two equal keys without a word; YAML (a superset of JSON) names them,
  // once the value is known to be of a sane size (YAML parses a deep nesting slowly).
  checkDocumentSize(value, file);
  const duplicate = YAML.parseDocument(text, { logLevel: 'silent' }).errors.find(
    (error) => error.code === 'DUPLICATE_KEY',
  );
  if (duplicate)
    throw new InputError(`${file}:${positionOf(duplicate)}: duplicate key: ${firstLine(duplicate.message)}`);
  return value;
}

function parseYaml(text: string, file: string): unknown {
  // logLevel 'error': yaml's warnings (an unknown tag, a collection as a key) would otherwise go
  // to stderr as extra lines; the schema reports what is wrong with the value instead.
  const document = YAML.parseDocument(text, { prettyErrors: true, logLevel: 'error' });
  const [first] = document.errors;
  if (first) throw new InputError(`${file}:${describeSyntaxError(first, text)}`);
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new InputError(
        `${file}: YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes; refused as an alias bomb ("billion laughs"), not expanded`,
      );
    }
    throw error;
  }
}

/**
 * `LINE:COL: YAML syntax error: WHAT`. yaml reports an unclosed `[` or `{` where it gave up (the next
 * key's line); the line that needs the fix is the one that opened it. Its message repeats the
 * position and ends in a colon before a source excerpt: both are dropped.
 */
function describeSyntaxError(error: YAML.YAMLError, text: string): string {
  const what = firstLine(error.message);
  const unclosed =
    /^Flow (sequence|mapping) in block collection must be sufficiently indented and end with a ([\]}])/.exec(what);
  const opener = unclosed ? findUnclosedOpener(text, error.pos[0], unclosed[2] === ']' ? '[' : '{') : null;
  if (opener)
    return `${opener.line}:${opener.col}: YAML syntax error: this ${unclosed![2] === ']' ? '[' : '{'} is never closed with ${unclosed![2]}`;
  const deeper = error.code === 'BLOCK_AS_IMPLICIT_KEY' ? findOverIndentedLine(text, error) : null;
  if (deeper)
    return `${deeper.line}:${deeper.col}: YAML syntax error: this line is indented deeper than the key on line ${deeper.keyLine}, which already has a value; indent it as that key is, or nest it under a key of its own`;
  return `${positionOf(error)}: YAML syntax error: ${what}`;
}

/**
 * yaml reports `key: value` followed by a more deeply indented `other: x` at the value, one line
 * before the line that needs the fix (it reads the two lines as one multi-line key): that next line.
 */
function findOverIndentedLine(
  text: string,
  error: YAML.YAMLError,
): { line: number; col: number; keyLine: number } | null {
  const keyLine = error.linePos?.[0].line;
  if (keyLine === undefined) return null;
  const lines = text.split(/\r?\n/);
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  const next = lines.findIndex((line, index) => index >= keyLine && line.trim() !== '' && !line.trim().startsWith('#'));
  if (next === -1 || indentOf(lines[next]!) <= indentOf(lines[keyLine - 1] ?? '')) return null;
  return { line: next + 1, col: indentOf(lines[next]!) + 1, keyLine };
}

function positionOf(error: YAML.YAMLError): string {
  const position = error.linePos?.[0];
  return position ? `${position.line}:${position.col}` : '?:?';
}

/** The message's first line without yaml's repeated "at line N, column M:" (the position is given first). */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

/** Line and column (1-based) of the last `open` before `offset` that no closer matches (quotes not considered). */
function findUnclosedOpener(text: string, offset: number, open: '[' | '{'): { line: number; col: number } | null {
  const close = open === '[' ? ']' : '}';
  let depth = 0;
  for (let index = Math.min(offset, text.length) - 1; index >= 0; index -= 1) {
    if (text[index] === close) depth += 1;
    else if (text[index] === open) {
      if (depth === 0) {
        const before = text.slice(0, index);
        const line = before.split('\n').length;
        return { line, col: index - before.lastIndexOf('\n') };
      }
      depth -= 1;
    }
  }
  return null;
}

/** V8 quotes the offending source in its message, newlines and all. */
function oneLine(message: string): string {
  return message.replace(/[\r\n\t]+/g, ' ');
}

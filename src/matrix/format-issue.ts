// Turns a zod issue into the one-line error users see: file, key path, what was expected, what was given.
import type { z } from 'zod';

/** `threads[2]`, `target.command[0]`, `tables.fct_yearly_events.exempt`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    // A key that is not a plain name (a newline, a dot, 10,000 characters) is quoted, so the path stays one short line.
    else if (!/^[A-Za-z_$][\w$-]{0,63}$/.test(String(segment))) text += `[${quote(String(segment))}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(top level)' : text;
}

/** The value at `path` in `data`, for quoting what the user wrote. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
  }
  return current;
}

export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON would print NaN and Infinity (YAML's .nan, .inf, 1e400) as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  // A long string is cut before quoting, so the quote stays well-formed (no escape cut in half).
  if (typeof value === 'string') return JSON.stringify(value.length > 50 ? `${value.slice(0, 50)}…` : value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** What was given: a size when the size is the problem, else the value quoted. */
function describeGiven(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.code === 'too_big' && (typeof given === 'string' || Array.isArray(given))) {
    return `${given.length} ${typeof given === 'string' ? 'characters' : 'items'}`;
  }
  return quote(given);
}

/** Edit distance, for suggesting the key a user probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(
        row[j]! + 1,
        row[j - 1]! + 1,
        previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length]!;
}

export function suggestKey(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

/** Unknown keys named in one line, at most. */
const MAX_KEYS_SHOWN = 5;

/** One line for one issue: `threads[2]: expected an integer between 1 and 16, got 17`. */
export function formatIssue(issue: z.core.$ZodIssue, data: unknown, knownKeys: readonly string[]): string {
  const where = formatKeyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    // A map of a thousand unknown keys still makes one readable line: the first few, then a count.
    const shown = issue.keys.slice(0, MAX_KEYS_SHOWN);
    const hints = shown.map((key) => {
      const suggestion = suggestKey(key, knownKeys);
      return suggestion ? `${quote(key)} (did you mean "${suggestion}"?)` : quote(key);
    });
    const more = issue.keys.length - shown.length;
    return `${where}: unknown key ${hints.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  }
  const given = valueAt(data, issue.path);
  const message = issue.message
    .replace(/^Invalid (input|option|discriminator value)[:.]?\s*/, '')
    .replace(/^Too (small|big): expected number to be /, 'expected a number ')
    .replace(/, received undefined$/, '')
    .replace(/, received \w+$/, '')
    .replace(/^Expected/, 'expected');
  return given === undefined
    ? `${where}: ${message || 'invalid'} (missing)`
    : `${where}: ${message}, got ${describeGiven(issue, given)}`;
}

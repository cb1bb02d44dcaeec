// Turns a zod issue into the one-line error users see: file, key path, what was expected, what was given.
import type { z } from 'zod';

/** `threads[2]`, `target.command[0]`, `tables.fct_yearly_events.exempt`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
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

function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Edit distance, for suggesting the key a user probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
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

/** One line for one issue: `threads[2]: expected an integer between 1 and 16, got 17`. */
export function formatIssue(issue: z.core.$ZodIssue, data: unknown, knownKeys: readonly string[]): string {
  const where = formatKeyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const hints = issue.keys.map((key) => {
      const suggestion = suggestKey(key, knownKeys);
      return suggestion ? `"${key}" (did you mean "${suggestion}"?)` : `"${key}"`;
    });
    return `${where}: unknown key ${hints.join(', ')}`;
  }
  const given = valueAt(data, issue.path);
  const message = issue.message
    .replace(/^Invalid (input|option|discriminator value)[:.]?\s*/, '')
    .replace(/^Too (small|big): expected number to be /, 'expected a number ')
    .replace(/, received undefined$/, '')
    .replace(/, received \w+$/, '')
    .replace(/^Expected/, 'expected');
  return given === undefined ? `${where}: ${message || 'invalid'} (missing)` : `${where}: ${message}, got ${quote(given)}`;
}

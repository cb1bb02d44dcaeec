// A schedule a command target writes as JSON lines, one task a line:
//   {"model": "int_hiring_events", "start": 1250.5, "end": 1730, "slot": 1, "depends_on": ["int_workforce_needs"], "year": 2026, "class": "CONDITIONAL"}
// start/end are milliseconds (any origin) or ISO times; slot, depends_on, year and class are optional.
// The path may hold the command's placeholders ({workdir}, {database}, ...); a relative path is
// taken from the command's working folder.
import { describeFileError } from '../core/describe-file-error.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fillPlaceholders, placeholderValues } from '../matrix/placeholders.js';
import type { RunContext } from '../targets/types.js';
import type { RawTask, ScheduleSource } from './types.js';

/** Milliseconds from a number or an ISO time; null when it is neither. */
function toMilliseconds(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return null;
}

/** Parses one line; throws naming the file, the line and the field. */
function parseTask(text: string, where: string): RawTask {
  let row: Record<string, unknown>;
  try {
    row = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${where}: not JSON (${(error as Error).message})`);
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new Error(`${where}: expected an object`);
  const fail = (field: string, expected: string): never => {
    throw new Error(`${where}: ${field}: expected ${expected}, got ${JSON.stringify(row[field])}`);
  };
  const model = typeof row['model'] === 'string' && row['model'] !== '' ? row['model'] : fail('model', 'a model name');
  const startMs = toMilliseconds(row['start']) ?? fail('start', 'milliseconds or an ISO time');
  const finishMs = toMilliseconds(row['end']) ?? fail('end', 'milliseconds or an ISO time');
  const slot =
    row['slot'] === undefined || row['slot'] === null
      ? null
      : Number.isInteger(row['slot']) && (row['slot'] as number) >= 0
        ? (row['slot'] as number)
        : fail('slot', 'a whole number ≥ 0');
  const deps = row['depends_on'] ?? [];
  const dependsOn =
    Array.isArray(deps) && deps.every((d) => typeof d === 'string')
      ? (deps as string[])
      : fail('depends_on', 'a list of model names');
  const year =
    row['year'] === undefined || row['year'] === null
      ? null
      : Number.isInteger(row['year'])
        ? (row['year'] as number)
        : fail('year', 'a whole number');
  const modelClass =
    row['class'] === undefined || row['class'] === null
      ? null
      : typeof row['class'] === 'string'
        ? row['class']
        : fail('class', 'a string');
  return { model, year, modelClass, startMs, finishMs, slot, dependsOn };
}

/** Reads a JSON-lines schedule file. */
export async function readJsonLinesSchedule(file: string): Promise<RawTask[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`schedule file ${file}: ${describeFileError(error)}`);
  }
  return text
    .split('\n')
    .flatMap((line, index) => (line.trim() === '' ? [] : [parseTask(line, `${file}:${index + 1}`)]));
}

/** A source reading the file `template` names for each run. */
export function createJsonLinesSource(template: string, cwd: string): ScheduleSource {
  return {
    describe: `JSON-lines file ${template}`,
    read: (context: RunContext) =>
      readJsonLinesSchedule(path.resolve(cwd, fillPlaceholders(template, placeholderValues(context)))),
  };
}

// The JSON-lines schedule file of a command target: ISO times or milliseconds, optional fields,
// and one clear message naming the file, the line and the field for a bad line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonLinesSchedule } from '../../src/schedules/jsonl-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tg-jsonl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, lines.join('\n'));
  return file;
}

describe('readJsonLinesSchedule', () => {
  it('reads milliseconds and ISO times, blank lines skipped, optional fields null', async () => {
    const file = await write('ok.jsonl', [
      '{"model": "a", "start": 0, "end": 12.5}',
      '',
      '{"model": "b", "start": "2026-11-30T10:00:00.000Z", "end": "2026-11-30T10:00:01.250Z", "slot": 1, "depends_on": ["a"], "year": 2026, "class": "CONDITIONAL"}',
    ]);
    expect(await readJsonLinesSchedule(file)).toEqual([
      { model: 'a', year: null, modelClass: null, startMs: 0, finishMs: 12.5, slot: null, dependsOn: [] },
      {
        model: 'b',
        year: 2026,
        modelClass: 'CONDITIONAL',
        startMs: Date.parse('2026-11-30T10:00:00Z'),
        finishMs: Date.parse('2026-11-30T10:00:01.250Z'),
        slot: 1,
        dependsOn: ['a'],
      },
    ]);
  });

  it('names the file, line and field of a bad value', async () => {
    const file = await write('bad.jsonl', [
      '{"model": "a", "start": 0, "end": 1}',
      '{"model": "b", "start": "soon", "end": 2}',
    ]);
    await expect(readJsonLinesSchedule(file)).rejects.toThrow(
      `${file}:2: start: expected milliseconds or an ISO time, got "soon"`,
    );
    const slot = await write('slot.jsonl', ['{"model": "a", "start": 0, "end": 1, "slot": -1}']);
    await expect(readJsonLinesSchedule(slot)).rejects.toThrow(`${slot}:1: slot: expected a whole number ≥ 0, got -1`);
    const json = await write('json.jsonl', ['{"model": ']);
    await expect(readJsonLinesSchedule(json)).rejects.toThrow(`${json}:1: not JSON`);
    await expect(readJsonLinesSchedule(path.join(dir, 'missing.jsonl'))).rejects.toThrow(
      `schedule file ${path.join(dir, 'missing.jsonl')}: no such file or directory`,
    );
  });
});

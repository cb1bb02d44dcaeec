import { appendFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecord, readJournal } from '../../src/runner/journal.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeRun } from '../analysis/helpers.js';

function record(id: string): RunRecord {
  return makeRun({ id, threads: 1, mode: 'sequential' });
}

describe('journal', () => {
  it('reads back every appended record in order', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-journal-')), 'journal.jsonl');
    await appendRecord(file, record('a'));
    await appendRecord(file, record('b'));
    const { records, truncatedLine } = await readJournal(file);
    expect(
      records.map((r) => r.id),
      'ids',
    ).toEqual(['a', 'b']);
    expect(truncatedLine, 'truncated').toBe(false);
  });

  it('ignores a last line cut short by a crash, keeping the finished runs', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-journal-')), 'journal.jsonl');
    await appendRecord(file, record('a'));
    await appendFile(file, '{"id":"b","thr');
    const { records, truncatedLine } = await readJournal(file);
    expect(
      records.map((r) => r.id),
      'ids',
    ).toEqual(['a']);
    expect(truncatedLine, 'truncated').toBe(true);
  });

  it('treats a missing journal as empty', async () => {
    const { records } = await readJournal(path.join(os.tmpdir(), 'tg-no-such-journal.jsonl'));
    expect(records, 'records').toEqual([]);
  });
});

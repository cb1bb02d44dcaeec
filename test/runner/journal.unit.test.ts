import { appendFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendRecord, readJournal } from '../../src/runner/journal.js';
import type { RunRecord } from '../../src/core/run-record.js';

function record(id: string): RunRecord {
  return {
    id,
    threads: 1,
    mode: 'sequential',
    rep: 1,
    warmup: false,
    status: 'ok',
    exitCode: 0,
    signal: null,
    startedAt: '2026-11-28T00:00:00.000Z',
    wallMs: 10,
    cpuMs: 9,
    peakRssBytes: 1,
    meanCores: 1,
    peakCores: 1,
    digests: null,
    digestError: null,
    database: null,
    stdoutTail: '',
    stderrTail: '',
    stages: [],
    error: null,
  };
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

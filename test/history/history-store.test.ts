// The history file: adding is idempotent, two processes appending at once both land (one waits for
// DuckDB's lock), a read adds nothing to the file, and bad files are refused with one line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRuns, appendToHistory, openHistory } from '../../src/history/history-store.js';
import { readHistory } from '../../src/history/read-history.js';
import { HISTORY_SCHEMA_VERSION } from '../../src/history/history-schema.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { buildNights, reportForNight, writeReportDir } from './history-fixtures.js';

const HOLD = fileURLToPath(new URL('../fixtures/hold-history.mjs', import.meta.url));

async function countRuns(file: string): Promise<number> {
  return (await readHistory(file)).runs;
}

async function makeDuckDb(file: string, statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const statement of statements) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
}

describe('history store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tg-history-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a run once however often it is added', async () => {
    const file = path.join(dir, 'idempotent.duckdb');
    const runs = buildNights(3, 99, 1);
    expect(await appendToHistory(file, runs), 'first add').toBe(3);
    expect(await appendToHistory(file, runs), 'second add').toBe(0);
    expect(await appendToHistory(file, [runs[0]!, ...buildNights(4, 99, 1).slice(3)]), 'one old, one new').toBe(1);
    const history = await readHistory(file);
    expect(history.runs, 'runs').toBe(4);
    const samplesPerRun = runs[0]!.samples.filter((s) => s.status === 'ok').length;
    expect(
      history.points.reduce((n, p) => n + p.samples, 0),
      'ok samples, each once',
    ).toBe(4 * samplesPerRun);
  });

  it('reads runs not in the file beside it without writing them', async () => {
    const file = path.join(dir, 'extra.duckdb');
    const runs = buildNights(3, 99, 1);
    await appendToHistory(file, runs.slice(0, 2));
    const withExtra = await readHistory(file, { extraRuns: [runs[2]!, runs[0]!] });
    expect(withExtra.runs, 'runs read with the extra one (the duplicate ignored)').toBe(3);
    expect(await countRuns(file), 'runs in the file').toBe(2);
  });

  it('lets two processes append at once while a third holds the file: both runs land', async () => {
    const file = path.join(dir, 'concurrent.duckdb');
    await appendToHistory(file, buildNights(1, 99, 1));
    const a = await writeReportDir(path.join(dir, 'run-a'), reportForNight(10, 1));
    const b = await writeReportDir(path.join(dir, 'run-b'), reportForNight(11, 1));
    // Held until both appends have said they are waiting: then let go, and both must land.
    const holder = execa(process.execPath, [HOLD, file], { reject: false, stdin: 'pipe' });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const adds = [
      [a, 'aaaa'],
      [b, 'bbbb'],
    ].map(([runDir, commit]) =>
      execa(process.execPath, [CLI, 'history', 'add', runDir!, '--db', file, '--commit', commit!], {
        reject: false,
        stdin: 'ignore',
      }),
    );
    await Promise.all(
      adds.map(
        (add) =>
          new Promise<void>((resolve) => {
            let text = '';
            add.stderr!.on('data', (chunk: Buffer) => {
              text += chunk.toString();
              if (text.includes('held by another process; waiting')) resolve();
            });
            void add.then(() => resolve());
          }),
      ),
    );
    holder.stdin!.write('release\n');
    const [first, second] = await Promise.all(adds);
    await holder;
    expect(first.exitCode, first.stderr).toBe(0);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(String(first.stderr), 'the first waited for the lock').toContain('held by another process; waiting');
    expect(String(second.stderr), 'the second waited for the lock').toContain('held by another process; waiting');
    expect(await countRuns(file), 'runs after both appends').toBe(3);
  });

  it('refuses files that are not a history, each with one line naming the file', async () => {
    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'not a database\n');
    await expect(openHistory(text), 'text file').rejects.toThrow(/^history .*notes\.txt: not a DuckDB database file/);

    const other = path.join(dir, 'other.duckdb');
    await makeDuckDb(other, ['CREATE TABLE payroll (id INTEGER)']);
    await expect(openHistory(other), 'another DuckDB file').rejects.toThrow(
      /not a threadgate history \(no history_meta table; tables: payroll\)/,
    );
    await expect(readHistory(other), 'another DuckDB file, read').rejects.toThrow(/not a threadgate history/);

    const newer = path.join(dir, 'newer.duckdb');
    await makeDuckDb(newer, [
      'CREATE TABLE history_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)',
      `INSERT INTO history_meta VALUES ('schema_version', '${HISTORY_SCHEMA_VERSION + 1}')`,
    ]);
    await expect(openHistory(newer), 'newer schema').rejects.toThrow(
      `schema version ${HISTORY_SCHEMA_VERSION + 1} was written by a newer threadgate`,
    );
    await expect(readHistory(newer), 'newer schema, read').rejects.toThrow('written by a newer threadgate');

    const garbage = path.join(dir, 'garbage.duckdb');
    await makeDuckDb(garbage, [
      'CREATE TABLE history_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)',
      `INSERT INTO history_meta VALUES ('schema_version', 'zero')`,
    ]);
    await expect(openHistory(garbage), 'unknown version').rejects.toThrow(
      'schema_version "zero" is not one threadgate ever wrote',
    );

    await expect(readHistory(path.join(dir, 'missing.duckdb')), 'missing on read').rejects.toThrow(
      /no such file \(create it with threadgate history add/,
    );
    await expect(openHistory(dir), 'a directory').rejects.toThrow(/not a file \(a directory\)/);

    const cli = await runCli(['history', 'check', '--db', text]);
    expect(cli.exitCode, 'exit code').toBe(2);
    expect(cli.stderr.trim().split('\n'), 'one line, no stack').toHaveLength(1);
  });

  it('keeps what was measured: samples, noisy flags, digests and verdicts', async () => {
    const file = path.join(dir, 'contents.duckdb');
    const [run] = buildNights(1, 99, 1);
    const noisy = { ...run!, samples: run!.samples.map((s, i) => ({ ...s, noisy: i === 0 })) };
    const store = await openHistory(file);
    try {
      await addRuns(store, [noisy], new Date());
      const rows = (
        await store.connection.runAndReadAll('SELECT count(*), count(*) FILTER (WHERE noisy) FROM samples')
      ).getRowsJson();
      expect(rows[0], 'samples and noisy samples').toEqual([String(noisy.samples.length), '1']);
      const tables = (
        await store.connection.runAndReadAll('SELECT table_name, verdict FROM table_digests ORDER BY table_name')
      ).getRowsJson();
      expect(tables.length, 'one row per compared table').toBe(noisy.tables.length);
    } finally {
      store.close();
    }
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { digestDatabase } from '../../src/digest/digest-database.js';
import type { TableSpec } from '../../src/matrix/types.js';
import { digestRun, type DigestDatabase } from '../../src/runner/digest-run.js';
import { InputError } from '../../src/core/errors.js';
import {
  joinStableDigests,
  readStableDigests,
  STABLE_DIGESTS_FILE,
  takeStableDigests,
} from '../../src/runner/stable-digests.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeTempDir } from '../helpers/run-cli.js';

const TABLES: Record<string, TableSpec> = { t: { exempt: [], groupBy: ['year'], round: {} } };

async function makeDatabase(file: string, amount: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE t AS SELECT i AS id, 2025 + i % 3 AS year, i * ${amount} AS amount FROM range(100) r(i)`,
  );
  connection.closeSync();
  instance.closeSync();
}

function recordWith(digests: RunRecord['digests']): RunRecord {
  return {
    id: 'earlier',
    threads: 1,
    mode: 'sequential',
    rep: 1,
    warmup: false,
    status: 'ok',
    exitCode: 0,
    signal: null,
    startedAt: '',
    wallMs: 1,
    cpuMs: 1,
    peakRssBytes: 1,
    meanCores: 1,
    peakCores: 1,
    digests,
    digestError: null,
    database: null,
    stdoutTail: '',
    stderrTail: '',
    stages: [],
    error: null,
  };
}

describe('digestRun', () => {
  it('reuses column digests of an identical earlier output and computes them for a new one', async () => {
    const dir = await makeTempDir('tg-digest-run-');
    const [same, other] = [path.join(dir, 'same.duckdb'), path.join(dir, 'other.duckdb')];
    await makeDatabase(same, 2);
    await makeDatabase(other, 3);
    const calls: string[] = [];
    const counting: DigestDatabase = (database, tables, options) => {
      calls.push(`${options?.kind}${options?.columns === false ? '' : '+columns'}`);
      return digestDatabase(database, tables, options);
    };
    const full = await digestDatabase(same, TABLES, { kind: 'fast' });
    const reused = await digestRun(same, TABLES, [recordWith(full)], counting);
    expect(calls, 'only the quick digest for a known output').toEqual(['fast']);
    expect(reused, 'same digests as a full digest').toEqual(full);

    calls.length = 0;
    const fresh = await digestRun(other, TABLES, [recordWith(full)], counting);
    expect(calls, 'column digests computed for a new output').toEqual(['fast', 'fast+columns']);
    expect(Object.keys(fresh['t']!.columnDigests).sort(), 'columns').toEqual(['amount', 'id', 'year']);

    calls.length = 0;
    const first = await digestRun(same, TABLES, [], counting);
    expect(calls, 'the first run: one full fast digest, never the md5 one').toEqual(['fast+columns']);
    expect(first['t']?.algorithm, 'fast digests compare runs').toBe('fast-v1');
  });
});

describe('takeStableDigests', () => {
  it('md5-digests the reference run once, after the last run, into stable-digests.json, and joins them onto its record', async () => {
    const dir = await makeTempDir('tg-stable-digests-');
    await makeDatabase(path.join(dir, 'ref.duckdb'), 2);
    await makeDatabase(path.join(dir, 'other.duckdb'), 2);
    const fast = await digestDatabase(path.join(dir, 'ref.duckdb'), TABLES, { kind: 'fast' });
    const records: RunRecord[] = [
      { ...recordWith(fast), id: 't2-sequential-r1', threads: 2, database: 'other.duckdb' },
      { ...recordWith(fast), id: 't1-sequential-w1', warmup: true, database: 'ref.duckdb' },
      { ...recordWith(fast), id: 't1-sequential-r1', database: 'ref.duckdb' },
    ];
    const calls: string[] = [];
    const counting: DigestDatabase = (database, tables, options) => {
      calls.push(`${path.basename(database)} ${options?.kind}${options?.columns === false ? '' : '+columns'}`);
      return digestDatabase(database, tables, options);
    };
    const reference = { threads: 1, mode: 'sequential' } as const;
    const joined = await takeStableDigests(dir, records, reference, TABLES, counting);
    expect(calls, "the reference configuration's first timed run, table and group digests only").toEqual([
      'ref.duckdb stable',
    ]);
    expect(
      joined.map((record) => record.stableDigests?.['t']?.algorithm ?? null),
      'joined onto the reference run alone',
    ).toEqual([null, null, 'md5-v2']);
    expect(joined[2]!.stableDigests!['t']!.rowDigest, 'not the fast digest').not.toBe(fast['t']!.rowDigest);
    const file = JSON.parse(await readFile(path.join(dir, STABLE_DIGESTS_FILE), 'utf8'));
    expect(file, 'the file names the run').toEqual({
      run: 't1-sequential-r1',
      stableDigests: joined[2]!.stableDigests,
    });
    expect(joinStableDigests(records, file), 'what loadRun joins back').toEqual(joined);

    calls.length = 0;
    expect(await takeStableDigests(dir, joined, reference, TABLES, counting), 'already taken: unchanged').toBe(joined);
    expect(calls, 'no second md5 digest').toEqual([]);
  });

  it('records why when the md5 digest fails, and joins the reason onto the reference run', async () => {
    const dir = await makeTempDir('tg-stable-digests-');
    const records: RunRecord[] = [{ ...recordWith({}), id: 't1-sequential-r1', database: 'gone.duckdb' }];
    const joined = await takeStableDigests(dir, records, { threads: 1, mode: 'sequential' }, TABLES, digestDatabase);
    expect(joined[0]!.stableDigests, 'none').toBeUndefined();
    expect(joined[0]!.stableDigestsError, 'the reason').toMatch(
      /^the md5 digest of gone\.duckdb failed: database .*gone\.duckdb: no such file$/,
    );
    const file = JSON.parse(await readFile(path.join(dir, STABLE_DIGESTS_FILE), 'utf8'));
    expect(joinStableDigests(records, file), 'what loadRun joins back').toEqual(joined);
  });

  it('reads a missing file as none, and refuses a corrupt one with one line naming it', async () => {
    const dir = await makeTempDir('tg-stable-digests-');
    expect(await readStableDigests(dir), 'an older run directory').toBeNull();
    await writeFile(path.join(dir, STABLE_DIGESTS_FILE), '{"run": "t1-sequential-r1", "stable');
    const error = await readStableDigests(dir).catch((caught: unknown) => caught);
    expect(error, 'bad input, exit 2').toBeInstanceOf(InputError);
    expect(
      (error as Error).message.startsWith(`${path.join(dir, STABLE_DIGESTS_FILE)}: `),
      (error as Error).message,
    ).toBe(true);
  });
});

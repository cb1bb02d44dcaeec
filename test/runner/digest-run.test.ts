import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { digestDatabase } from '../../src/digest/index.js';
import type { TableSpec } from '../../src/matrix/types.js';
import { digestRun, needsStableDigests, type DigestDatabase } from '../../src/runner/digest-run.js';
import type { RunRecord } from '../../src/runner/types.js';
import { makeTempDir } from '../helpers/run-cli.js';

const TABLES: Record<string, TableSpec> = { t: { exempt: [], groupBy: ['year'], round: {} } };

async function makeDatabase(file: string, amount: number): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE t AS SELECT i AS id, 2025 + i % 3 AS year, i * ${amount} AS amount FROM range(100) r(i)`);
  connection.closeSync();
  instance.closeSync();
}

function recordWith(digests: RunRecord['digests']): RunRecord {
  return {
    id: 'earlier', threads: 1, mode: 'sequential', rep: 1, warmup: false, status: 'ok', exitCode: 0, signal: null,
    startedAt: '', wallMs: 1, cpuMs: 1, peakRssBytes: 1, meanCores: 1, peakCores: 1, digests, digestError: null,
    database: null, stdoutTail: '', stderrTail: '', stages: [], error: null,
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
    expect(reused, 'same digests as a full digest, no stable ones').toEqual({ digests: full, stableDigests: null });

    calls.length = 0;
    const fresh = await digestRun(other, TABLES, [recordWith(full)], counting);
    expect(calls, 'column digests computed for a new output').toEqual(['fast', 'fast+columns']);
    expect(Object.keys(fresh.digests['t']!.columnDigests).sort(), 'columns').toEqual(['amount', 'id', 'year']);

    calls.length = 0;
    const first = await digestRun(same, TABLES, [], counting, true);
    expect(calls, 'the first run: one full fast digest, then the stable one').toEqual(['fast+columns', 'stable']);
    expect(first.digests['t']?.algorithm, 'fast digests compare runs').toBe('fast-v1');
    expect(first.stableDigests?.['t']?.algorithm, 'stable digests for the golden check').toBe('md5-v1');
    expect(first.stableDigests?.['t']?.rowDigest, 'not the fast one').not.toBe(first.digests['t']?.rowDigest);
  });

  it('asks for stable digests on the reference configuration\'s first timed run only', () => {
    const reference = { threads: 1, mode: 'sequential' } as const;
    const stablyDigested = { ...recordWith({}), stableDigests: {} };
    expect(needsStableDigests({ threads: 1, mode: 'sequential', warmup: false }, reference, []), 'first reference run').toBe(true);
    expect(needsStableDigests({ threads: 1, mode: 'sequential', warmup: true }, reference, []), 'a warmup').toBe(false);
    expect(needsStableDigests({ threads: 2, mode: 'sequential', warmup: false }, reference, []), 'another configuration').toBe(false);
    expect(needsStableDigests({ threads: 1, mode: 'sequential', warmup: false }, reference, [stablyDigested]), 'already taken').toBe(false);
  });
});

// The digest must not depend on DuckDB's thread count nor on row order. Needs size to mean anything:
// a million rows spread over many row groups, so 16 threads really split the scan.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestDatabase } from '../../src/digest/digest-database.js';
import { makeDatabase, makeTempDir } from './make-database.js';

const ROWS = 1_000_000;
const TABLES = { big: { exempt: [], groupBy: ['year'], round: {} } };
// Doubles with full-precision fractions, NULLs in two columns, strings of varying length.
const SELECT = `SELECT i AS id, 2025 + i % 3 AS year, i * 1.000001 / 7.0 AS amount,
  CASE WHEN i % 11 = 0 THEN NULL ELSE 'emp_' || (i % 9973)::VARCHAR END AS name,
  CASE WHEN i % 13 = 0 THEN NULL ELSE sqrt(i::DOUBLE) END AS score FROM range(${ROWS}) r(i)`;

let forward = '';
let reversed = '';
beforeAll(async () => {
  const dir = await makeTempDir();
  forward = await makeDatabase(path.join(dir, 'forward.duckdb'), [`CREATE TABLE big AS ${SELECT} ORDER BY i`]);
  reversed = await makeDatabase(path.join(dir, 'reversed.duckdb'), [`CREATE TABLE big AS ${SELECT} ORDER BY i DESC`]);
}, 120_000);

describe.each(['stable', 'fast'] as const)('digest independence (%s)', (kind) => {
  it('gives the same digest with 1 and 16 DuckDB threads, and for the rows in another order', async () => {
    const oneThread = await digestDatabase(forward, TABLES, { threads: 1, kind });
    const sixteenThreads = await digestDatabase(forward, TABLES, { threads: 16, kind });
    const otherOrder = await digestDatabase(reversed, TABLES, { threads: 16, kind, memoryLimit: '150MB' });
    const big = oneThread['big']!;
    expect(big.rowCount).toBe(ROWS);
    expect(big.groups.map((group) => group.rowCount)).toEqual([333_334, 333_333, 333_333]);
    expect(sixteenThreads, 'threads 16 vs 1').toEqual(oneThread);
    expect(otherOrder, 'reversed insertion order').toEqual(oneThread);
  }, 300_000);
});

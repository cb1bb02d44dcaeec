// The two rejected designs' blind spots: set semantics (EXCEPT) and per-column sums.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffDatabases } from '../../src/digest/diff-databases.js';
import { makeDatabase, makeTempDir } from './make-database.js';

const TABLES = { t: { exempt: ['created_at'], groupBy: ['grp'], round: {} } };
const CREATE = `CREATE TABLE t (id INTEGER, grp VARCHAR, amount DOUBLE, note VARCHAR, created_at TIMESTAMPTZ)`;
let dir = '';
beforeAll(async () => {
  dir = await makeTempDir();
});

async function pair(name: string, rowsA: string, rowsB: string): Promise<[string, string]> {
  const a = await makeDatabase(path.join(dir, `${name}-a.duckdb`), [CREATE, `INSERT INTO t VALUES ${rowsA}`]);
  const b = await makeDatabase(path.join(dir, `${name}-b.duckdb`), [CREATE, `INSERT INTO t VALUES ${rowsB}`]);
  return [a, b];
}

describe('multiset-correct diff', () => {
  it('catches a row doubled in A while another is doubled in B (counts equal, EXCEPT empty)', async () => {
    const [a, b] = await pair(
      'double',
      `(1, 'x', 1.5, 'n', now()), (1, 'x', 1.5, 'n', now()), (2, 'y', 2.5, 'm', now())`,
      `(1, 'x', 1.5, 'n', now()), (2, 'y', 2.5, 'm', now()), (2, 'y', 2.5, 'm', now())`,
    );
    const diff = await diffDatabases(a, b, TABLES);
    const table = diff.tables[0]!;
    expect(diff.identical).toBe(false);
    expect(table.rowCounts).toEqual({ a: 3, b: 3 });
    expect(table.groups).toEqual(['grp=x', 'grp=y']);
    expect(table.onlyInA, 'A has one extra copy of row 1').toEqual([
      { values: { amount: 1.5, grp: 'x', id: 1, note: 'n' }, surplus: 1 },
    ]);
    expect(table.onlyInB, 'B has one extra copy of row 2').toEqual([
      { values: { amount: 2.5, grp: 'y', id: 2, note: 'm' }, surplus: -1 },
    ]);
  });

  it('catches values swapped between two rows of one column and names that column', async () => {
    const [a, b] = await pair(
      'swap',
      `(1, 'x', 100.0, 'n', now()), (2, 'x', 200.0, 'm', now()), (3, 'y', 300.0, 'o', now())`,
      `(1, 'x', 200.0, 'n', now()), (2, 'x', 100.0, 'm', now()), (3, 'y', 300.0, 'o', now())`,
    );
    const table = (await diffDatabases(a, b, TABLES)).tables[0]!;
    expect(table.identical).toBe(false);
    expect(table.groups, 'only group x holds the swap').toEqual(['grp=x']);
    expect(table.columns, 'leave-one-out localizes the swap').toEqual(['amount']);
    expect(table.onlyInA.map((row) => row.values['id'])).toEqual([1, 2]);
  });

  it('ignores wall-clock exempt columns and reports identical tables as identical', async () => {
    const [a, b] = await pair(
      'clock',
      `(1, 'x', 1.0, NULL, TIMESTAMPTZ '2020-01-01 00:00:00+00')`,
      `(1, 'x', 1.0, NULL, now())`,
    );
    const diff = await diffDatabases(a, b, TABLES);
    expect(diff.identical).toBe(true);
    expect(diff.tables[0]).toMatchObject({ groups: [], columns: [], onlyInA: [], onlyInB: [] });
  });

  it('reports a table missing on one side and differing column sets as schema problems', async () => {
    const a = await makeDatabase(path.join(dir, 'schema-a.duckdb'), [CREATE, `CREATE TABLE extra (x INTEGER)`]);
    const b = await makeDatabase(path.join(dir, 'schema-b.duckdb'), [
      `CREATE TABLE t (id INTEGER, grp VARCHAR, amount DOUBLE, created_at TIMESTAMPTZ)`,
    ]);
    const diff = await diffDatabases(a, b, { ...TABLES, extra: { exempt: [], groupBy: [], round: {} } });
    expect(diff.identical).toBe(false);
    expect(diff.tables[0]!.schemaProblem).toBe('columns only in A: note');
    expect(diff.tables[1]!.schemaProblem).toBe('table extra is missing from B');
  });

  it('limits samples and orders them totally, so two diffs agree', async () => {
    const rowsA = Array.from({ length: 30 }, (_, i) => `(${i}, 'g${i % 3}', ${i}.5, 'a', now())`).join(', ');
    const rowsB = Array.from({ length: 30 }, (_, i) => `(${i}, 'g${i % 3}', ${i}.5, 'b', now())`).join(', ');
    const [a, b] = await pair('many', rowsA, rowsB);
    const first = await diffDatabases(a, b, TABLES, { samples: 4 });
    const second = await diffDatabases(a, b, TABLES, { samples: 4 });
    expect(first.tables[0]!.onlyInA).toHaveLength(4);
    expect(first.tables[0]!.columns).toEqual(['note']);
    expect(second).toEqual(first);
    expect(
      first.tables[0]!.onlyInA.every((row) => row.values['grp'] === 'g0'),
      'ordered by the group-by column first',
    ).toBe(true);
  });
});

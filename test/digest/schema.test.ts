// A table's schema is part of its digest: the same rows under another type, column name or
// nullability digest differently, while the rows' own digest stays the same.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestDatabase } from '../../src/digest/digest-database.js';
import { compareSchemas, describeSchemaChange, hashSchema } from '../../src/digest/schema.js';
import { makeDatabase, makeTempDir } from './make-database.js';

const TABLES = { t: { exempt: ['created_at'], groupBy: [], round: {} } };
let dir = '';
beforeAll(async () => {
  dir = await makeTempDir();
});

async function digestOf(
  name: string,
  create: string,
  insert = `INSERT INTO t SELECT 1, 'x', TIMESTAMPTZ '2020-01-01 00:00:00+00'`,
) {
  const file = await makeDatabase(path.join(dir, `${name}.duckdb`), [create, insert]);
  return (await digestDatabase(file, TABLES))['t']!;
}

describe('schema in the digest', () => {
  it('digests t(a INTEGER, b VARCHAR), t(a BIGINT, b VARCHAR) and t(a2 INTEGER, b VARCHAR) with the same rows differently', async () => {
    const integer = await digestOf('integer', `CREATE TABLE t (a INTEGER, b VARCHAR, created_at TIMESTAMPTZ)`);
    const bigint = await digestOf('bigint', `CREATE TABLE t (a BIGINT, b VARCHAR, created_at TIMESTAMPTZ)`);
    const renamed = await digestOf('renamed', `CREATE TABLE t (a2 INTEGER, b VARCHAR, created_at TIMESTAMPTZ)`);
    expect(new Set([integer.digest, bigint.digest, renamed.digest]).size, 'three distinct digests').toBe(3);
    expect(bigint.rowDigest, 'INTEGER and BIGINT rows encode alike').toBe(integer.rowDigest);
    expect(integer.schema, 'schema of t').toEqual([
      { name: 'a', type: 'INTEGER', nullable: true },
      { name: 'b', type: 'VARCHAR', nullable: true },
      { name: 'created_at', type: 'TIMESTAMP WITH TIME ZONE', nullable: true },
    ]);
  });

  it('does not depend on the physical column order', async () => {
    const ab = await digestOf('ab', `CREATE TABLE t (a INTEGER, b VARCHAR, created_at TIMESTAMPTZ)`);
    const ba = await digestOf(
      'ba',
      `CREATE TABLE t (created_at TIMESTAMPTZ, b VARCHAR, a INTEGER)`,
      `INSERT INTO t SELECT now(), 'x', 1`,
    );
    expect(ba.digest, 'columns declared in another order').toBe(ab.digest);
  });

  it("covers an exempt column's type and a column's nullability, not the exempt values", async () => {
    const base = await digestOf('base', `CREATE TABLE t (a INTEGER, b VARCHAR, created_at TIMESTAMPTZ)`);
    const clock = await digestOf(
      'clock',
      `CREATE TABLE t (a INTEGER, b VARCHAR, created_at TIMESTAMP)`,
      `INSERT INTO t SELECT 1, 'x', TIMESTAMP '2021-05-05 00:00:00'`,
    );
    const notNull = await digestOf(
      'not-null',
      `CREATE TABLE t (a INTEGER NOT NULL, b VARCHAR, created_at TIMESTAMPTZ)`,
    );
    expect(clock.rowDigest, 'exempt values are not hashed').toBe(base.rowDigest);
    expect(clock.digest, 'exempt column retyped').not.toBe(base.digest);
    expect(notNull.digest, 'NOT NULL added').not.toBe(base.digest);
    expect(compareSchemas(base.schema!, notNull.schema!).map(describeSchemaChange), 'described').toEqual([
      'column a nullability changed INTEGER → INTEGER NOT NULL',
    ]);
  });

  it('names every column added, removed and retyped', () => {
    const reference = [
      { name: 'a', type: 'INTEGER', nullable: true },
      { name: 'b', type: 'VARCHAR', nullable: true },
    ];
    const run = [
      { name: 'a', type: 'BIGINT', nullable: true },
      { name: 'c', type: 'VARCHAR', nullable: true },
    ];
    expect(compareSchemas(reference, run), 'changes by column name').toEqual([
      { column: 'a', change: 'retyped', reference: 'INTEGER', run: 'BIGINT' },
      { column: 'b', change: 'removed', reference: 'VARCHAR', run: null },
      { column: 'c', change: 'added', reference: null, run: 'VARCHAR' },
    ]);
  });

  it('hashes names and types injectively: moving text between name and type changes the hash', () => {
    const one = hashSchema([{ name: 'ab', type: 'C', nullable: null }]);
    const two = hashSchema([{ name: 'a', type: 'BC', nullable: null }]);
    expect(one, 'token boundaries').not.toBe(two);
    expect(one, 'nullability unknown vs known').not.toBe(hashSchema([{ name: 'ab', type: 'C', nullable: true }]));
  });
});

import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestDatabase } from '../../src/digest/digest-database.js';
import { diffDatabases } from '../../src/digest/diff-databases.js';
import { InputError } from '../../src/core/errors.js';
import { makeDatabase, makeTempDir } from './make-database.js';

const SPEC = { exempt: [], groupBy: [], round: {} };
let dir = '';
beforeAll(async () => {
  dir = await makeTempDir();
});

// Every property below holds for both digests: the stable md5 one and the fast one on DuckDB's hash().
const KINDS = ['stable', 'fast'] as const;
type Kind = (typeof KINDS)[number];

async function digestWith(kind: Kind, name: string, create: string, spec = SPEC): Promise<string> {
  const file = await makeDatabase(path.join(dir, `${kind}-${name}.duckdb`), [create]);
  const digest = await digestDatabase(file, { t: spec }, { kind });
  return digest['t']!.digest;
}

describe('canonical encoding', () => {
  it('hashes one row as md5 of its documented encoding (cross-checked with node:crypto)', async () => {
    const file = await makeDatabase(path.join(dir, 'one-row.duckdb'), [
      `CREATE TABLE t AS SELECT 'héllo' AS b, 42 AS a, NULL::VARCHAR AS c, 0.1::DOUBLE AS d`,
    ]);
    const table = (await digestDatabase(file, { t: SPEC }))['t']!;
    // Columns sorted by name: a, b, c, d. 'héllo' is 6 UTF-8 bytes; 0.1 as its IEEE-754 bits (Node's own).
    const bits = Buffer.alloc(8);
    bits.writeDoubleBE(0.1);
    const encoding = `42|6:héllo|:|${bits.readBigInt64BE()}|`; // a, b, c (NULL), d
    const md5 = createHash('md5').update(encoding, 'utf8').digest();
    const rows = (md5.readBigUInt64LE(0) << 64n) + md5.readBigUInt64LE(8);
    expect(table.rowDigest, 'md5_number_upper = bytes 0..7 LE, lower = bytes 8..15 LE').toBe(
      rows.toString(16).padStart(32, '0'),
    );
    // The schema hash: md5 of the documented schema encoding, big-endian, added modulo 2^128.
    const schema =
      'schema-v1:' + 'V1:aV7:INTEGERV3:YES' + 'V1:bV7:VARCHARV3:YES' + 'V1:cV7:VARCHARV3:YES' + 'V1:dV6:DOUBLEV3:YES';
    const schemaHash = BigInt(`0x${createHash('md5').update(schema, 'utf8').digest('hex')}`);
    expect(table.digest, 'rows + schema hash mod 2^128').toBe(
      ((rows + schemaHash) % (1n << 128n)).toString(16).padStart(32, '0'),
    );
  });
});

describe.each(KINDS)('digest properties (%s)', (kind) => {
  const digestOf = (name: string, create: string, spec = SPEC): Promise<string> => digestWith(kind, name, create, spec);

  it('separates values unambiguously: (a|b, c) differs from (a, b|c)', async () => {
    const left = await digestOf('sep-1', `CREATE TABLE t AS SELECT 'a|b' AS x, 'c' AS y`);
    const right = await digestOf('sep-2', `CREATE TABLE t AS SELECT 'a' AS x, 'b|c' AS y`);
    const concatenated = await digestOf('sep-3', `CREATE TABLE t AS SELECT 'ab' AS x, '' AS y`);
    const shifted = await digestOf('sep-4', `CREATE TABLE t AS SELECT 'a' AS x, 'b' AS y`);
    expect(left).not.toBe(right);
    expect(concatenated, "('ab','') vs ('a','b')").not.toBe(shifted);
  });

  it('keeps NULL apart from the string NULL and from the empty string', async () => {
    const nullValue = await digestOf('null-1', `CREATE TABLE t AS SELECT NULL::VARCHAR AS x`);
    const nullText = await digestOf('null-2', `CREATE TABLE t AS SELECT 'NULL' AS x`);
    const empty = await digestOf('null-3', `CREATE TABLE t AS SELECT '' AS x`);
    expect(new Set([nullValue, nullText, empty]).size).toBe(3);
  });

  it('does not depend on physical column order', async () => {
    const ab = await digestOf('order-1', `CREATE TABLE t AS SELECT 1 AS a, 'x' AS b`);
    const ba = await digestOf('order-2', `CREATE TABLE t AS SELECT 'x' AS b, 1 AS a`);
    expect(ab).toBe(ba);
  });

  it('sees a last-bit float change, treats -0.0 as 0.0, and accepts drift only with opt-in rounding', async () => {
    const exact = await digestOf('float-1', `CREATE TABLE t AS SELECT 52000.123::DOUBLE AS x`);
    const drifted = await digestOf('float-2', `CREATE TABLE t AS SELECT 52000.123::DOUBLE * (1 + pow(2, -52)) AS x`);
    expect(drifted, 'one ulp apart').not.toBe(exact);
    const rounded = { ...SPEC, round: { x: 6 } };
    expect(await digestOf('float-3', `CREATE TABLE t AS SELECT 52000.123::DOUBLE AS x`, rounded)).toBe(
      await digestOf('float-4', `CREATE TABLE t AS SELECT 52000.123::DOUBLE * (1 + pow(2, -52)) AS x`, rounded),
    );
    expect(await digestOf('zero-1', `CREATE TABLE t AS SELECT -0.0::DOUBLE AS x`)).toBe(
      await digestOf('zero-2', `CREATE TABLE t AS SELECT 0.0::DOUBLE AS x`),
    );
    expect(await digestOf('nan-1', `CREATE TABLE t AS SELECT 'nan'::DOUBLE AS x`), 'every NaN alike').toBe(
      await digestOf('nan-2', `CREATE TABLE t AS SELECT -('nan'::DOUBLE) AS x`),
    );
    expect(await digestOf('zero-3', `CREATE TABLE t AS SELECT -0.0::FLOAT AS x`), 'FLOAT -0.0').toBe(
      await digestOf('zero-4', `CREATE TABLE t AS SELECT 0.0::FLOAT AS x`),
    );
  });

  it('is multiset-correct: values swapped between rows, and a row doubled while another is dropped, change it', async () => {
    const rows = `CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 10.5), (2, 'b', 20.5), (3, 'c', 30.5)) v(id, name, amount)`;
    const swapped = `CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 20.5), (2, 'b', 10.5), (3, 'c', 30.5)) v(id, name, amount)`;
    const doubled = `CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 10.5), (1, 'a', 10.5), (3, 'c', 30.5)) v(id, name, amount)`;
    const reordered = `CREATE TABLE t AS SELECT * FROM (VALUES (3, 'c', 30.5), (1, 'a', 10.5), (2, 'b', 20.5)) v(id, name, amount)`;
    const base = await digestOf('bag-1', rows);
    expect(await digestOf('bag-2', swapped), 'amounts swapped between rows').not.toBe(base);
    expect(await digestOf('bag-3', doubled), 'row 1 doubled, row 2 dropped').not.toBe(base);
    expect(await digestOf('bag-4', reordered), 'rows in another order').toBe(base);
  });

  it('keeps a DECIMAL value apart from the same digits at another scale, and names the column that holds a swap', async () => {
    expect(await digestOf('dec-1', `CREATE TABLE t AS SELECT 1.5::DECIMAL(5,4) AS x`)).not.toBe(
      await digestOf('dec-2', `CREATE TABLE t AS SELECT 1.5::DECIMAL(5,1) AS x`),
    );
    const a = await makeDatabase(path.join(dir, `${kind}-loo-a.duckdb`), [
      `CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 10.5), (2, 'b', 20.5)) v(id, name, amount)`,
    ]);
    const b = await makeDatabase(path.join(dir, `${kind}-loo-b.duckdb`), [
      `CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 20.5), (2, 'b', 10.5)) v(id, name, amount)`,
    ]);
    const [left, right] = [
      (await digestDatabase(a, { t: SPEC }, { kind }))['t']!,
      (await digestDatabase(b, { t: SPEC }, { kind }))['t']!,
    ];
    const agreeing = left.columns.filter((column) => left.columnDigests[column] === right.columnDigests[column]);
    expect(agreeing, 'only leaving out amount makes them agree').toEqual(['amount']);
    expect(left.algorithm, 'algorithm recorded').toBe(kind === 'fast' ? 'fast-v1' : 'md5-v2');
  });

  it('keeps list nesting and struct fields apart', async () => {
    const nested = await digestOf('list-1', `CREATE TABLE t AS SELECT [['a'], ['b']] AS x`);
    const flat = await digestOf('list-2', `CREATE TABLE t AS SELECT [['a', 'b']] AS x`);
    const nullElement = await digestOf('list-3', `CREATE TABLE t AS SELECT [['a'], NULL] AS x`);
    expect(new Set([nested, flat, nullElement]).size).toBe(3);
  });

  it('reports a missing table as absent, and a non-database file as an InputError naming the path', async () => {
    const file = await makeDatabase(path.join(dir, `${kind}-absent.duckdb`), ['CREATE TABLE other (x INTEGER)']);
    const digest = await digestDatabase(file, { t: SPEC }, { kind });
    expect(digest['t']).toMatchObject({ present: false, rowCount: 0 });
    const notDuckdb = path.join(dir, `${kind}-not-a-database.duckdb`);
    await writeFile(notDuckdb, 'just text, not a database\n'.repeat(200));
    await expect(digestDatabase(notDuckdb, { t: SPEC })).rejects.toThrow(InputError);
    await expect(digestDatabase(notDuckdb, { t: SPEC })).rejects.toThrow(notDuckdb);
    await expect(diffDatabases(path.join(dir, 'missing.duckdb'), file, { t: SPEC })).rejects.toThrow(
      /missing\.duckdb: no such file/,
    );
  });
});

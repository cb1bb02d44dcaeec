// Digest of one table inside DuckDB: exact integer sums of md5 halves, combined modulo 2^128 in BigInt.
import { InputError } from '../errors.js';
import type { TableSpec } from '../matrix/types.js';
import { columnText, concatTokens, isFloatType, tokenFromText, sortColumns, type EncodedColumn } from './encoding.js';
import { foldSchema, hashSchema, readSchema } from './schema.js';
import { readColumns, type DigestSession, type TableColumn } from './session.js';
import { qualifiedTable, quoteIdentifier } from './sql.js';
import type { GroupDigest, TableDigest } from './types.js';

const MODULUS = 1n << 128n;
const ZERO_DIGEST = '0'.repeat(32);

/** Combines the HUGEINT sums of md5_number_upper and md5_number_lower into 32 hex digits. */
export function combineHalves(upperSum: bigint, lowerSum: bigint): string {
  const value = (((upperSum << 64n) + lowerSum) % MODULUS + MODULUS) % MODULUS;
  return value.toString(16).padStart(32, '0');
}

function toBigInt(value: unknown): bigint {
  return value === null || value === undefined ? 0n : BigInt(String(value));
}

// md5_number(enc) is the digest's 16 bytes read little-endian, so its low 64 bits are
// md5_number_upper(enc) and its high 64 bits md5_number_lower(enc): one md5 call yields both halves.
function hashExpression(encoding: string, prefix: string): string {
  return `md5_number(${encoding}) AS ${prefix}_h`;
}

// Sums of the two halves; HUGEINT sums of 64-bit halves cannot overflow below 2^63 rows.
function sumExpressions(prefix: string): string {
  return `sum((${prefix}_h & 18446744073709551615::UHUGEINT)::UBIGINT) AS ${prefix}_u, sum((${prefix}_h >> 64)::UBIGINT) AS ${prefix}_l`;
}

/** The table digest of an absent table: present false, zero rows. */
export function absentDigest(table: string, spec: TableSpec): TableDigest {
  return { table, present: false, rowCount: 0, digest: ZERO_DIGEST, rowDigest: ZERO_DIGEST, schema: [], columns: [], exempt: [], groupBy: [...spec.groupBy], columnDigests: {}, groups: [] };
}

/** Resolves which columns are hashed (sorted, exempt left out, rounding checked against types). */
export function resolveHashedColumns(table: string, declared: readonly TableColumn[], spec: TableSpec, only?: readonly string[]): EncodedColumn[] {
  const names = new Set(declared.map((column) => column.name));
  for (const column of spec.groupBy) {
    if (!names.has(column)) throw new InputError(`table ${table}: group-by column ${column} does not exist`);
  }
  const hashed = declared.filter((column) => !spec.exempt.includes(column.name) && (only === undefined || only.includes(column.name)));
  for (const [column, places] of Object.entries(spec.round ?? {})) {
    const found = declared.find((candidate) => candidate.name === column);
    if (!found) throw new InputError(`table ${table}: round column ${column} does not exist`);
    if (!isFloatType(found.type)) throw new InputError(`table ${table}: round column ${column} is ${found.type.toString()}, expected DOUBLE or FLOAT`);
    if (!Number.isInteger(places) || places < 0 || places > 30) throw new InputError(`table ${table}: round ${column}=${places}: expected an integer 0-30`);
  }
  return sortColumns(hashed).map((column) => ({ ...column, roundPlaces: spec.round?.[column.name] }));
}

/**
 * Digests `table` of the database attached as `alias`. `only` restricts hashing to those columns
 * (the diff uses it to compare two tables over their common columns). `withColumns: false` skips the
 * leave-one-out column digests (one md5 per column per row: most of the cost) when the caller can
 * reuse them from an identical earlier digest.
 */
export async function digestTable(
  session: DigestSession,
  alias: string,
  table: string,
  spec: TableSpec,
  only?: readonly string[],
  withColumns = true,
): Promise<TableDigest> {
  const declared = await readColumns(session, alias, table);
  if (declared === null) return absentDigest(table, spec);
  const columns = resolveHashedColumns(table, declared, spec, only);
  const schema = await readSchema(session, alias, table);
  const source = qualifiedTable(alias, table);
  const textSelect = columns.map((column, index) => `${columnText(column)} AS x${index}`);
  const tokenSelect = columns.map((_, index) => `${tokenFromText(`x${index}`)} AS t${index}`);
  const tokenRefs = columns.map((_, index) => `t${index}`);
  const prefixes = ['all'];
  const hashes = [hashExpression(concatTokens(tokenRefs), 'all')];
  if (withColumns) {
    tokenRefs.forEach((_, index) => {
      prefixes.push(`c${index}`);
      hashes.push(hashExpression(concatTokens(tokenRefs.filter((__, other) => other !== index)), `c${index}`));
    });
  }
  const sums = prefixes.map(sumExpressions);
  const groupSelect = spec.groupBy.map((column, index) => `${quoteIdentifier(column)} AS g${index}`);
  const groupRefs = spec.groupBy.map((_, index) => `g${index}`);
  const texts = `SELECT ${[...textSelect, ...groupSelect, '1 AS one'].join(', ')} FROM ${source}`;
  const tokens = `SELECT ${[...tokenSelect, ...groupRefs, 'one'].join(', ')} FROM (${texts})`;
  const inner = `SELECT ${[...hashes, ...groupRefs, 'one'].join(', ')} FROM (${tokens})`;

  // One scan: per group (or one row without groups) the count and every sum; exact BigInt totals.
  const keys = spec.groupBy.map((_, index) => `g${index}`);
  const labels = keys.map((key) => `CAST(${key} AS VARCHAR) AS k_${key}, `).join('');
  const grouping = keys.length === 0 ? '' : ` GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((key) => `${key} NULLS LAST`).join(', ')}`;
  const rows = (await session.connection.runAndReadAll(`SELECT ${labels}count(*) AS n, ${sums.join(', ')} FROM (${inner})${grouping}`)).getRowObjectsJson();
  const total = (field: string): bigint => rows.reduce((sum, row) => sum + toBigInt(row[field]), 0n);
  const columnDigests: Record<string, string> = {};
  if (withColumns) columns.forEach((column, index) => {
    columnDigests[column.name] = combineHalves(total(`c${index}_u`), total(`c${index}_l`));
  });
  const groups: GroupDigest[] = keys.length === 0 ? [] : rows.map((row) => {
    const key = keys.map((k) => (row[`k_${k}`] === null ? null : String(row[`k_${k}`])));
    return {
      key,
      label: spec.groupBy.map((column, index) => `${column}=${key[index] ?? 'NULL'}`).join(', '),
      rowCount: Number(row['n']),
      digest: combineHalves(toBigInt(row['all_u']), toBigInt(row['all_l'])),
    };
  });
  const rowDigest = combineHalves(total('all_u'), total('all_l'));
  return {
    table,
    present: true,
    rowCount: Number(total('n')),
    digest: foldSchema(rowDigest, hashSchema(schema)),
    rowDigest,
    schema,
    columns: columns.map((column) => column.name),
    exempt: declared.filter((column) => spec.exempt.includes(column.name)).map((column) => column.name),
    groupBy: [...spec.groupBy],
    columnDigests,
    groups,
  };
}

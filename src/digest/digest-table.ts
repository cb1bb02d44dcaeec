// Digest of one table inside DuckDB in one scan: the version-stable md5 plan (exact integer sums of md5
// halves, combined modulo 2^128 in BigInt) or the fast plan on DuckDB's hash() (fast-digest.ts).
import { InputError } from '../core/errors.js';
import type { TableSpec } from '../matrix/types.js';
import { isFloatType, sortColumns, type EncodedColumn } from './encoding.js';
import { encodeRow, MD5_ALGORITHM } from './md5-row-encoding.js';
import { scanDigest, type RowHashPlan } from './digest-scan.js';
import { planFast, readDuckdbVersion } from './fast-digest.js';
import { readSchema } from './schema.js';
import { readColumns, type DigestSession, type TableColumn } from '../duckdb/session.js';
import { qualifiedTable } from '../duckdb/sql.js';
import type { TableDigest } from './types.js';

const MODULUS = 1n << 128n;
const ZERO_DIGEST = '0'.repeat(32);

/** Combines the HUGEINT sums of md5_number_upper and md5_number_lower into 32 hex digits. */
export function combineHalves(upperSum: bigint, lowerSum: bigint): string {
  const value = ((((upperSum << 64n) + lowerSum) % MODULUS) + MODULUS) % MODULUS;
  return value.toString(16).padStart(32, '0');
}

// md5_number(enc) is the digest's 16 bytes read little-endian, so its low 64 bits are
// md5_number_upper(enc) and its high 64 bits md5_number_lower(enc): one md5 call yields both halves.
function hashExpression(encoding: string, prefix: string): string {
  return `md5_number(${encoding}) AS ${prefix}_h`;
}

// Sums of the two halves; HUGEINT sums of 64-bit halves cannot overflow below 2^63 rows.
function sumHalves(prefix: string): string[] {
  return [
    `sum((${prefix}_h & 18446744073709551615::UHUGEINT)::UBIGINT) AS ${prefix}_0`,
    `sum((${prefix}_h >> 64)::UBIGINT) AS ${prefix}_1`,
  ];
}

/** The version-stable plan: md5 of each row's canonical encoding (see md5-row-encoding.ts). */
function planMd5(columns: readonly EncodedColumn[], withColumns: boolean): RowHashPlan {
  const prefixes = ['all', ...(withColumns ? columns.map((_, index) => `c${index}`) : [])];
  return {
    algorithm: MD5_ALGORITHM,
    duckdbVersion: null,
    prefixes,
    sums: sumHalves,
    combine: ([upper, lower]) => combineHalves(upper ?? 0n, lower ?? 0n),
    rows: (source, groupSelect) => {
      // Leave-one-out column digests (only when asked): the row encoding without column i, one md5 each.
      const hashes = prefixes.map((prefix, index) =>
        hashExpression(encodeRow(index === 0 ? columns : columns.filter((_, other) => other !== index - 1)), prefix),
      );
      return `SELECT ${[...hashes, ...groupSelect, '1 AS one'].join(', ')} FROM ${source}`;
    },
  };
}

/** The table digest of an absent table: present false, zero rows. */
export function absentDigest(table: string, spec: TableSpec): TableDigest {
  return {
    table,
    present: false,
    rowCount: 0,
    digest: ZERO_DIGEST,
    rowDigest: ZERO_DIGEST,
    schema: [],
    columns: [],
    exempt: [],
    groupBy: [...spec.groupBy],
    columnDigests: {},
    groups: [],
  };
}

/** Resolves which columns are hashed (sorted, exempt left out, rounding checked against types). */
export function resolveHashedColumns(
  table: string,
  declared: readonly TableColumn[],
  spec: TableSpec,
  only?: readonly string[],
): EncodedColumn[] {
  const names = new Set(declared.map((column) => column.name));
  for (const column of spec.groupBy) {
    if (!names.has(column)) throw new InputError(`table ${table}: group-by column ${column} does not exist`);
  }
  const hashed = declared.filter(
    (column) => !spec.exempt.includes(column.name) && (only === undefined || only.includes(column.name)),
  );
  for (const [column, places] of Object.entries(spec.round ?? {})) {
    const found = declared.find((candidate) => candidate.name === column);
    if (!found) throw new InputError(`table ${table}: round column ${column} does not exist`);
    if (!isFloatType(found.type))
      throw new InputError(
        `table ${table}: round column ${column} is ${found.type.toString()}, expected DOUBLE or FLOAT`,
      );
    if (!Number.isInteger(places) || places < 0 || places > 30)
      throw new InputError(`table ${table}: round ${column}=${places}: expected an integer 0-30`);
  }
  return sortColumns(hashed).map((column) => ({ ...column, roundPlaces: spec.round?.[column.name] }));
}

/** Which digest: `stable` (md5, the same on every DuckDB version) or `fast` (DuckDB's own hash()). */
export type DigestKind = 'stable' | 'fast';

/** Options of digestTable. */
export interface DigestTableOptions {
  /** Hash only these columns (the diff compares two tables over their common columns). */
  readonly only?: readonly string[];
  /** Compute the leave-one-out column digests (default true); most of the md5 digest's cost. */
  readonly columns?: boolean;
  /** Default `stable`. */
  readonly kind?: DigestKind;
}

/** Digests `table` of the database attached as `alias` in one scan; an absent table yields `present: false`. */
export async function digestTable(
  session: DigestSession,
  alias: string,
  table: string,
  spec: TableSpec,
  options: DigestTableOptions = {},
): Promise<TableDigest> {
  const declared = await readColumns(session, alias, table);
  if (declared === null) return absentDigest(table, spec);
  const columns = resolveHashedColumns(table, declared, spec, options.only);
  const schema = await readSchema(session, alias, table);
  const withColumns = options.columns ?? true;
  const plan =
    options.kind === 'fast'
      ? planFast(columns, withColumns, await readDuckdbVersion(session))
      : planMd5(columns, withColumns);
  return scanDigest(session, qualifiedTable(alias, table), { table, spec, declared, columns, schema }, plan);
}

// A table's schema as part of its identity: the columns' names, SQL types and nullability, read from
// the attached catalog's information_schema, hashed order-independently and folded into the digest.
//
// THE SCHEMA HASH (version 1). Columns sorted by name (code-unit order, as the row encoding), each
// written as three tokens of the row encoding's form (`V<byte length>:<text>`, `N` for unknown):
// the name, the type as DuckDB's SQL type name (information_schema.columns.data_type: `INTEGER`,
// `DECIMAL(5,4)`, `TIMESTAMP WITH TIME ZONE` — names, not internal ids, so the hash does not change
// with the DuckDB version), and `YES`/`NO` for is_nullable. Every column is listed, exempt ones too:
// a wall-clock column whose values are not compared still may not change its type. The hash is md5
// of `schema-v1:` and those tokens, as a 128-bit number (big-endian hex); a table digest is the row
// sum plus this hash, modulo 2^128, so anything comparing `digest` alone compares schemas too.
import { createHash } from 'node:crypto';
import type { DigestSession } from '../duckdb/session.js';
import { quoteLiteral } from '../duckdb/sql.js';

export type { ColumnSchema } from '../core/digest-record.js';
import type { ColumnSchema } from '../core/digest-record.js';
/** How one column differs between a reference schema and another. */
export interface SchemaChange {
  readonly column: string;
  readonly change: 'added' | 'removed' | 'retyped' | 'nullability';
  /** The column's type (with ` NOT NULL` when not nullable) in the reference; null when added. */
  readonly reference: string | null;
  /** The column's type in the other table; null when removed. */
  readonly run: string | null;
}

const MODULUS = 1n << 128n;

/** The table's columns sorted by name, from the attached catalog's information_schema. */
export async function readSchema(session: DigestSession, alias: string, table: string): Promise<ColumnSchema[]> {
  const reader = await session.connection.runAndReadAll(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_catalog = ${quoteLiteral(alias)} AND table_schema = 'main' AND table_name = ${quoteLiteral(table)}`,
  );
  const columns = reader.getRowObjectsJson().map((row) => ({
    name: String(row['column_name']),
    type: String(row['data_type']),
    nullable: row['is_nullable'] === 'YES' ? true : row['is_nullable'] === 'NO' ? false : null,
  }));
  return columns.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

function token(text: string | null): string {
  return text === null ? 'N' : `V${Buffer.byteLength(text, 'utf8')}:${text}`;
}

/** The schema hash (32 hex digits) of a sorted column list. */
export function hashSchema(schema: readonly ColumnSchema[]): string {
  const nullability = (column: ColumnSchema): string | null =>
    column.nullable === null ? null : column.nullable ? 'YES' : 'NO';
  const encoding = `schema-v1:${schema.map((column) => token(column.name) + token(column.type) + token(nullability(column))).join('')}`;
  return createHash('md5').update(encoding, 'utf8').digest('hex');
}

/** The table digest: the row sum plus the schema hash, modulo 2^128, as 32 hex digits. */
export function foldSchema(rowDigest: string, schemaHash: string): string {
  return ((BigInt(`0x${rowDigest}`) + BigInt(`0x${schemaHash}`)) % MODULUS).toString(16).padStart(32, '0');
}

function describeType(column: ColumnSchema): string {
  return column.nullable === false ? `${column.type} NOT NULL` : column.type;
}

/** Every column added, removed, retyped or changed in nullability from `reference` to `run`, by name. */
export function compareSchemas(reference: readonly ColumnSchema[], run: readonly ColumnSchema[]): SchemaChange[] {
  const before = new Map(reference.map((column) => [column.name, column]));
  const after = new Map(run.map((column) => [column.name, column]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: SchemaChange[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    if (a && b && a.type === b.type && a.nullable === b.nullable) continue;
    const change = !a ? 'added' : !b ? 'removed' : a.type !== b.type ? 'retyped' : 'nullability';
    changes.push({ column: name, change, reference: a ? describeType(a) : null, run: b ? describeType(b) : null });
  }
  return changes;
}

/** "column a retyped INTEGER → BIGINT", "column a2 added (INTEGER)". */
export function describeSchemaChange(change: SchemaChange): string {
  if (change.change === 'added') return `column ${change.column} added (${change.run})`;
  if (change.change === 'removed') return `column ${change.column} removed (was ${change.reference})`;
  const what = change.change === 'retyped' ? 'retyped' : 'nullability changed';
  return `column ${change.column} ${what} ${change.reference} → ${change.run}`;
}

// The canonical row encoding, built as DuckDB SQL: the one algorithm every digest and diff shares.
//
// THE ENCODING (version 1). A row's encoding is the concatenation, over its hashed columns sorted by
// name (JavaScript code-unit order, so the physical column order does not matter), of one token per
// value:
//   NULL            -> `N`
//   any other value -> `V` <byte length of T in decimal> `:` T      (T = the value's canonical text)
// Each token says where it ends, so ('a|b','c') and ('a','b|c') encode differently, and NULL (`N`)
// differs from every value, including '' (`V0:`) and the string 'NULL' (`V4:NULL`).
// Canonical text T by type:
//   VARCHAR, ENUM        the string itself
//   integers, BOOLEAN    decimal text / `true` `false`
//   DECIMAL(p,s)         DuckDB's fixed-scale text (`0.0500` for DECIMAL(5,4)): the scale is kept
//   DOUBLE, FLOAT        the exact bits as C99 hexadecimal (`printf('%a')`: 0.1 -> 0x1.999999999999ap-4),
//                        so a last-bit difference is a difference; -0.0 is encoded as 0.0 (`0x0p+0`,
//                        they compare equal in SQL) and every NaN as `nan`; ±infinity as `inf`/`-inf`.
//                        With `round` for the column, the value is first ROUND(x, n) (half away from 0).
//   TIMESTAMP[_S|_MS], TIMESTAMPTZ   microseconds since the epoch (time-zone free); TIMESTAMP_NS: ns
//   DATE, TIME, TIMETZ, INTERVAL, UUID, BIT, BIGNUM   DuckDB's text cast (ISO forms)
//   BLOB                 upper-case hex of the bytes
//   LIST, ARRAY          `L` <count> `:` then one token per element (recursively, same rules)
//   STRUCT               `S` then one token per field in declared order
//   MAP                  as the LIST of its {key, value} entries, in stored order
//   other types          DuckDB's text cast
// The row hash is md5 of the encoding's UTF-8 bytes read as a 128-bit integer:
//   h = md5_number_upper(enc) * 2^64 + md5_number_lower(enc), where md5_number_upper reads digest
//   bytes 0..7 and md5_number_lower bytes 8..15, each little-endian (checked against Node's crypto).
// The row digest is the sum of h over the rows, modulo 2^128, with the row count beside it. The table
// digest adds the schema hash (column names, SQL type names, nullability; see schema.ts) modulo 2^128,
// so the same values under another type or column name digest differently; group and leave-one-out
// column digests cover the rows alone (a schema divergence is judged before them). md5, this encoding
// and SQL type names are fixed, so digests are stable across DuckDB versions (DuckDB's hash() is not).
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../duckdb/sql.js';

/** A column to hash: its name, its DuckDB type, and optional rounding (decimal places). */
export interface EncodedColumn {
  readonly name: string;
  readonly type: DuckDBType;
  readonly roundPlaces?: number;
}

const TIMESTAMP_MICROS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
]);

/** True for the floating-point types, the only ones `round` applies to. */
export function isFloatType(type: DuckDBType): boolean {
  return type.typeId === DuckDBTypeId.DOUBLE || type.typeId === DuckDBTypeId.FLOAT;
}

const NESTED = new Set<DuckDBTypeId>([
  DuckDBTypeId.LIST,
  DuckDBTypeId.ARRAY,
  DuckDBTypeId.STRUCT,
  DuckDBTypeId.MAP,
  DuckDBTypeId.UNION,
]);

/** True for LIST, ARRAY, STRUCT, MAP and UNION: DuckDB's hash() flattens them ([['a'],['b']] = [['a','b']]). */
export function isNestedType(type: DuckDBType): boolean {
  return NESTED.has(type.typeId);
}

function floatText(value: string): string {
  const x = `CAST(${value} AS DOUBLE)`;
  return `CASE WHEN isnan(${x}) THEN 'nan' WHEN ${x} = 0 THEN '0x0p+0' ELSE printf('%a', ${x}) END`;
}

// Canonical text of a non-NULL value; `depth` keeps lambda parameter names unique when nested.
function canonicalText(value: string, type: DuckDBType, depth: number): string {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return value;
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return floatText(value);
    case DuckDBTypeId.TIMESTAMP_NS:
      return `CAST(epoch_ns(${value}) AS VARCHAR)`;
    case DuckDBTypeId.BLOB:
      return `hex(${value})`;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const element = `e${depth}`;
      const inner = encodeValue(element, type.valueType, depth + 1);
      return `concat('L', len(${value}), ':', array_to_string(list_transform(CAST(${value} AS ${listCastTarget(type)}), lambda ${element}: ${inner}), ''))`;
    }
    case DuckDBTypeId.STRUCT: {
      const fields = type.entryNames.map((name, index) =>
        encodeValue(`struct_extract(${value}, ${quoteLiteral(name)})`, type.entryTypes[index]!, depth + 1),
      );
      return fields.length === 0 ? `'S'` : `concat('S', ${fields.join(', ')})`;
    }
    case DuckDBTypeId.MAP: {
      const element = `e${depth}`;
      const key = encodeValue(`${element}['key']`, type.keyType, depth + 1);
      const mapped = encodeValue(`${element}['value']`, type.valueType, depth + 1);
      return `concat('L', cardinality(${value}), ':', array_to_string(list_transform(map_entries(${value}), lambda ${element}: concat(${key}, ${mapped})), ''))`;
    }
    default:
      if (TIMESTAMP_MICROS.has(type.typeId)) return `CAST(epoch_us(${value}) AS VARCHAR)`;
      return `CAST(${value} AS VARCHAR)`;
  }
}

// ARRAY values go through list functions as LISTs; a LIST stays as it is.
function listCastTarget(type: DuckDBType): string {
  return type.typeId === DuckDBTypeId.ARRAY ? `${type.valueType.toString()}[]` : type.toString();
}

/** SQL for one value's token (`N`, or `V<len>:<text>`); `value` is an SQL expression. */
export function encodeValue(value: string, type: DuckDBType, depth = 0, roundPlaces?: number): string {
  return tokenFromText(valueText(value, type, depth, roundPlaces));
}

// The canonical text of a value, NULL for NULL (rounding applied first when asked).
function valueText(value: string, type: DuckDBType, depth: number, roundPlaces?: number): string {
  const text =
    roundPlaces === undefined
      ? canonicalText(value, type, depth)
      : floatText(`round(CAST(${value} AS DOUBLE), ${Math.trunc(roundPlaces)})`);
  return `CASE WHEN ${value} IS NULL THEN NULL ELSE ${text} END`;
}

/** SQL for a token from a canonical text expression that is NULL for NULL. */
export function tokenFromText(text: string): string {
  return `CASE WHEN ${text} IS NULL THEN 'N' ELSE concat('V', strlen(${text}), ':', ${text}) END`;
}

/**
 * SQL for one column's canonical text (NULL for NULL). Selected in a subquery of its own and then
 * turned into a token with tokenFromText, so DuckDB computes the text once per value, not three times.
 */
export function columnText(column: EncodedColumn, qualifier = ''): string {
  return valueText(`${qualifier}${quoteIdentifier(column.name)}`, column.type, 0, column.roundPlaces);
}

/** SQL for the token of one column of the current row. */
export function encodeColumn(column: EncodedColumn, qualifier = ''): string {
  return encodeValue(`${qualifier}${quoteIdentifier(column.name)}`, column.type, 0, column.roundPlaces);
}

/** SQL concatenating tokens into a row encoding (the empty string for no columns). */
export function concatTokens(tokens: readonly string[]): string {
  if (tokens.length === 0) return `''`;
  if (tokens.length === 1) return tokens[0]!;
  return `concat(${tokens.join(', ')})`;
}

/** Sorts columns into encoding order: by name, in code-unit order (independent of locale). */
export function sortColumns<T extends { readonly name: string }>(columns: readonly T[]): T[] {
  return [...columns].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

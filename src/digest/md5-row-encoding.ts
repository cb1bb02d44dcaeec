// The md5 digest's row encoding (md5-v2), built as one DuckDB concat() per row: the cheapest injective
// text found (bench:digest). md5-v1 (encoding.ts's tokens) built each value's token with a CASE and
// a length prefix and wrote doubles with printf('%a'): ~15× the native hash for table digests. Here
// concat() itself does the NULL handling (it skips NULL arguments), so no CASE or coalesce is needed.
//
// THE ENCODING (md5-v2). Over the hashed columns sorted by name (code-unit order), one token each:
//   a "closed" type   value -> T `|`        NULL -> `|`
//   any other type    value -> <byte length of T> `:` T `|`      NULL -> `:|`
// where T is the value's canonical text. Closed types are those whose T is never empty and never holds
// `|`: integers, BOOLEAN (`true`/`false`), DECIMAL (fixed-scale text), DOUBLE and FLOAT, DATE, TIME,
// TIME_TZ, TIMESTAMP*, INTERVAL, UUID. So a closed token runs to the next `|`, empty only for NULL; any
// other token starts with its length (digits) and a NULL token with `:`, so a reader always knows where
// each token ends and whether it is NULL: the encoding is injective. T by type:
//   DOUBLE, FLOAT      the IEEE-754 bits of the value as a DOUBLE (FLOAT widens exactly), as a signed
//                      decimal integer (`CAST(x AS BIT)` then BIGINT: 0.1 -> 4591870180066957722,
//                      checked against Node's writeDoubleBE); -0.0 is encoded as 0.0 (x + 0.0) and
//                      every NaN as `nan`. With `round` for the column: ROUND(x, n) first.
//   TIMESTAMP[_S|_MS], TIMESTAMPTZ   microseconds since the epoch; TIMESTAMP_NS: nanoseconds
//   other scalars      DuckDB's text cast (integers, `true`/`false`, DECIMAL with its scale, ISO dates)
//   VARCHAR            the string; BLOB: upper-case hex; LIST, ARRAY, STRUCT, MAP and other types: the
//                      md5-v1 canonical text of encoding.ts (nested values element by element)
// The row hash is md5 of the encoding's UTF-8 bytes as a 128-bit integer (md5_number; see
// digest-table.ts), summed over rows modulo 2^128 as before. md5, this encoding and SQL type names are
// fixed, so the digest is the same on every DuckDB version.
import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import { columnText, type EncodedColumn } from './encoding.js';
import { quoteIdentifier } from '../duckdb/sql.js';

/** The name of this encoding's digests: a digest made otherwise is never compared with one made by it. */
export const MD5_ALGORITHM = 'md5-v2';

const CLOSED = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIME,
  DuckDBTypeId.TIME_TZ,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.INTERVAL,
  DuckDBTypeId.UUID,
]);

const MICROS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

/** True when the type's canonical text is never empty and never holds `|` (its token needs no length). */
export function isClosedType(type: DuckDBType): boolean {
  return CLOSED.has(type.typeId);
}

// A double's exact bits as a decimal integer; NULL stays NULL (concat() skips it).
function floatBits(value: string): string {
  const x = `CAST(${value} AS DOUBLE)`;
  return `CASE WHEN isnan(${x}) THEN 'nan' ELSE CAST(CAST(CAST(${x} + 0.0 AS BIT) AS BIGINT) AS VARCHAR) END`;
}

// SQL for the value's canonical text T (NULL for NULL); concat() casts numbers to text itself.
function closedText(name: string, column: EncodedColumn): string {
  const { typeId } = column.type;
  if (column.roundPlaces !== undefined)
    return floatBits(`round(CAST(${name} AS DOUBLE), ${Math.trunc(column.roundPlaces)})`);
  if (typeId === DuckDBTypeId.DOUBLE || typeId === DuckDBTypeId.FLOAT) return floatBits(name);
  if (MICROS.has(typeId)) return `epoch_us(${name})`;
  if (typeId === DuckDBTypeId.TIMESTAMP_NS) return `epoch_ns(${name})`;
  return name;
}

/** concat() arguments of one column's token (see the encoding above). */
export function columnTokenArguments(column: EncodedColumn): string[] {
  const name = quoteIdentifier(column.name);
  if (isClosedType(column.type)) return [closedText(name, column), `'|'`];
  const text = column.type.typeId === DuckDBTypeId.VARCHAR ? name : columnText(column);
  return [`strlen(${text})`, `':'`, text, `'|'`];
}

/** SQL for the row encoding over `columns` (already sorted): one concat(), '' for no columns. */
export function encodeRow(columns: readonly EncodedColumn[]): string {
  if (columns.length === 0) return `''`;
  return `concat(${columns.flatMap(columnTokenArguments).join(', ')})`;
}

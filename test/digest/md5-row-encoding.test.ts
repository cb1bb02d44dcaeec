// The md5-v2 row encoding is injective: every encoding DuckDB builds is read back here, token by token,
// into each column's NULL-ness and canonical text, so two different rows cannot share an encoding.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortColumns } from '../../src/digest/encoding.js';
import { encodeRow, isClosedType } from '../../src/digest/md5-row-encoding.js';
import { attachDatabase, openSession, readColumns, type DigestSession } from '../../src/duckdb/session.js';
import { makeDatabase, makeTempDir } from './make-database.js';

// Rows chosen to collide under a careless encoding: separators and digits inside strings, NULL next
// to '' and to 'NULL', -0.0, NaNs of both signs, and NULLs in every position.
const ROWS = `CREATE TABLE t AS SELECT * FROM (VALUES
  ('a|b', 'c', 1, 0.1::DOUBLE, DATE '2025-01-01', true, 1.50::DECIMAL(5,2), [1, 2]),
  ('a', 'b|c', 1, 0.1::DOUBLE, DATE '2025-01-01', true, 1.50::DECIMAL(5,2), [1, 2]),
  ('1:|', NULL, NULL, -0.0::DOUBLE, NULL, false, NULL, []),
  (NULL, '1:|', 0, 0.0::DOUBLE, DATE '1970-01-01', NULL, 0.00::DECIMAL(5,2), NULL),
  ('', 'NULL', -1, 'nan'::DOUBLE, NULL, true, -1.00::DECIMAL(5,2), [NULL]),
  ('NULL', '', -1, -('nan'::DOUBLE), NULL, true, -1.00::DECIMAL(5,2), [NULL, NULL]),
  (':', '|', 2, 'inf'::DOUBLE, DATE '2000-02-29', false, 9.99::DECIMAL(5,2), [3]),
  ('héllo', '2:ab|', NULL, NULL, NULL, NULL, NULL, NULL)
) v(s1, s2, i, d, day, flag, amount, list)`;

interface Token {
  readonly isNull: boolean;
  readonly text: string;
}

// Reads an encoding back: a closed token runs to the next '|' (empty = NULL); any other starts with
// its byte length and ':' (no digits = NULL) and ends with '|'.
function decode(encoding: string, closed: readonly boolean[]): Token[] {
  const bytes = Buffer.from(encoding, 'utf8');
  const tokens: Token[] = [];
  let at = 0;
  for (const isClosed of closed) {
    if (isClosed) {
      const end = bytes.indexOf('|', at);
      const text = bytes.subarray(at, end).toString('utf8');
      tokens.push({ isNull: text === '', text });
      at = end + 1;
      continue;
    }
    const colon = bytes.indexOf(':', at);
    const digits = bytes.subarray(at, colon).toString('utf8');
    if (digits === '') {
      tokens.push({ isNull: true, text: '' });
      at = colon + 1;
    } else {
      expect(digits, 'a length prefix').toMatch(/^\d+$/);
      const length = Number(digits);
      tokens.push({ isNull: false, text: bytes.subarray(colon + 1, colon + 1 + length).toString('utf8') });
      at = colon + 1 + length;
    }
    expect(String.fromCharCode(bytes[at]!), 'a token ends with |').toBe('|');
    at += 1;
  }
  expect(at, 'nothing left over').toBe(bytes.length);
  return tokens;
}

let session: DigestSession;
beforeAll(async () => {
  const file = await makeDatabase(path.join(await makeTempDir(), 'encoding.duckdb'), [ROWS]);
  session = await openSession({ threads: 1 });
  await attachDatabase(session, file, 'db');
});
afterAll(() => session.close());

describe('md5-v2 row encoding', () => {
  it('reads back into every value, so distinct rows never share an encoding', async () => {
    const columns = sortColumns((await readColumns(session, 'db', 't'))!);
    const names = columns.map((column) => column.name);
    const rows = (
      await session.connection.runAndReadAll(
        `SELECT ${encodeRow(columns)} AS enc, ${names.map((name) => `CAST("${name}" AS VARCHAR) AS "${name}"`).join(', ')} FROM db.t`,
      )
    ).getRowObjectsJson();
    expect(rows).toHaveLength(8);
    const closed = columns.map((column) => isClosedType(column.type));
    expect(closed, 'closed: amount, d, day, flag, i; length-prefixed: list, s1, s2').toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    for (const row of rows) {
      const tokens = decode(String(row['enc']), closed);
      names.forEach((name, index) => {
        expect(tokens[index]!.isNull, `${name} NULL-ness in ${String(row['enc'])}`).toBe(row[name] === null);
        if (['s1', 's2'].includes(name) && row[name] !== null) expect(tokens[index]!.text, name).toBe(row[name]);
      });
    }
    const encodings = rows.map((row) => String(row['enc']));
    // Rows 3 and 4 differ only in -0.0 against 0.0 among doubles, rows 5 and 6 only in the NaN's sign: the
    // doubles' tokens agree while the strings make the rows differ.
    expect(new Set(encodings).size, 'eight rows, eight encodings').toBe(8);
  });

  it('writes a double as its IEEE-754 bits (checked with Node), -0.0 as 0.0 and every NaN as nan', async () => {
    const values = [0.1, -2.5, 1e300, 5e-324, Number.MAX_VALUE, -0, 0, Number.POSITIVE_INFINITY];
    const literals = values.map((value) =>
      value === Number.POSITIVE_INFINITY
        ? `'inf'::DOUBLE`
        : Object.is(value, -0)
          ? '-0.0::DOUBLE'
          : `${value.toExponential(20)}::DOUBLE`,
    );
    const rows = (
      await session.connection.runAndReadAll(
        `SELECT ${encodeRow([{ name: 'x', type: (await readColumns(session, 'db', 't'))!.find((c) => c.name === 'd')!.type }])} AS enc FROM (VALUES ${literals.map((l) => `(${l})`).join(', ')}, ('nan'::DOUBLE), (-('nan'::DOUBLE))) v(x)`,
      )
    ).getRowObjectsJson();
    const expected = values.map((value) => {
      const bits = Buffer.alloc(8);
      bits.writeDoubleBE(value === 0 ? 0 : value);
      return `${bits.readBigInt64BE()}|`;
    });
    expect(rows.map((row) => row['enc'])).toEqual([...expected, 'nan|', 'nan|']);
  });
});

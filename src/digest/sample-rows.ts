// Sample rows of a bag difference: counts per distinct row encoding on each side, full outer join on
// the encoding, rows whose counts differ with the surplus; a total ORDER BY makes samples reproducible.
import { concatTokens, encodeColumn, type EncodedColumn } from './encoding.js';
import type { DigestSession } from '../duckdb/session.js';
import { qualifiedTable, quoteIdentifier } from '../duckdb/sql.js';
import type { SampleRow } from './types.js';

/** Rows extra in A (positive surplus) and extra in B (negative surplus), up to `limit` each. */
export interface BagDifference {
  readonly onlyInA: SampleRow[];
  readonly onlyInB: SampleRow[];
}

type Json = ReturnType<
  Awaited<ReturnType<DigestSession['connection']['runAndReadAll']>>['getRowObjectsJson']
>[number][string];

// Sample values are shown, not hashed: nested values become their JSON text.
function toSampleValue(value: Json): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return JSON.stringify(value);
}

/**
 * Samples the bag difference of `table` between aliases `a` and `b` over `columns` (exempt columns
 * already left out), ordered by `orderFirst` columns then by the row encoding, which is total.
 */
export async function sampleBagDifference(
  session: DigestSession,
  table: string,
  columns: readonly EncodedColumn[],
  orderFirst: readonly string[],
  limit: number,
): Promise<BagDifference> {
  if (limit <= 0) return { onlyInA: [], onlyInB: [] };
  const encoding = concatTokens(columns.map((column) => encodeColumn(column)));
  const names = columns.map((column) => column.name);
  // min() picks one representative deterministically when rounding or -0.0/NaN merge raw values.
  const counted = (alias: string): string =>
    `SELECT ${encoding} AS k, count(*) AS n${names.map((name, index) => `, min(${quoteIdentifier(name)}) AS v${index}`).join('')} FROM ${qualifiedTable(alias, table)} GROUP BY k`;
  const picked = names.map((_, index) => `coalesce(ca.v${index}, cb.v${index}) AS v${index}`);
  const joined = `SELECT coalesce(ca.k, cb.k) AS k, coalesce(ca.n, 0) - coalesce(cb.n, 0) AS surplus${picked.map((p) => `, ${p}`).join('')} FROM (${counted('a')}) ca FULL OUTER JOIN (${counted('b')}) cb ON ca.k = cb.k`;
  const order = [
    ...orderFirst.filter((column) => names.includes(column)).map((column) => `v${names.indexOf(column)} NULLS LAST`),
    'k',
  ].join(', ');
  const select = async (condition: string): Promise<SampleRow[]> => {
    const sql = `SELECT * FROM (${joined}) WHERE ${condition} ORDER BY ${order} LIMIT ${Math.trunc(limit)}`;
    const rows = (await session.connection.runAndReadAll(sql)).getRowObjectsJson();
    return rows.map((row) => ({
      values: Object.fromEntries(names.map((name, index) => [name, toSampleValue(row[`v${index}`] ?? null)])),
      surplus: Number(row['surplus']),
    }));
  };
  return { onlyInA: await select('surplus > 0'), onlyInB: await select('surplus < 0') };
}

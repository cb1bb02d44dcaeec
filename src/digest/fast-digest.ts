// The fast digest: DuckDB's own hash() over each value, combined per row, summed exactly. Close to the
// cost of one scan, but hash() may change between DuckDB versions (it did between 1.2.2 and 1.3.0), so
// a fast digest is compared only with fast digests made by the same DuckDB version: the runs of one
// matrix, judged by the harness's one DuckDB binary. What is stored uses the md5 digest (encoding.ts).
//
// THE FAST ROW HASH (fast-v1). Columns in encoding order (sorted by name). DuckDB's hash(v) hashes
// NULL as a fixed constant apart from values, a DOUBLE by its exact bits after mapping -0.0 to 0.0 and
// every NaN to one NaN (checked in test/digest/encoding.test.ts, so no normalising pass is needed), a
// DECIMAL by its scaled integer (the scale is in the schema). A `round` column is ROUND(x, n) first.
// LIST, ARRAY, STRUCT, MAP and UNION values are hashed by their canonical text from encoding.ts,
// because hash() flattens them ([['a'],['b']] hashes as [['a','b']], and [] as NULL). The row hash is
//   r = hash(hash(v_1, …, v_n))
// hash() of several values hashes each (h_i = hash(v_i)) and combines them in order (position
// matters: hash(1,2) ≠ hash(2,1)) — DuckDB's own row hash, about the cost of its native aggregate. The
// outer hash() mixes the combination, so that no column's hash enters the row hash linearly (summed
// over rows, a linear term would let values swapped between rows cancel). The row digest is the exact
// sum of r over the rows (UBIGINT summed as HUGEINT, never floating point), modulo 2^128, with the
// schema hash folded in (schema.ts).
//
// Leave-one-out column digests from the same scan: prefix hashes p_k = hash(p_{k-1}, h_k) and suffix
// hashes s_k = hash(h_k, s_{k+1}), one projection layer per step, then for column i
//   l_i = hash(hash(p_{i-1}, s_{i+1}))       (p_0 and s_{n+1} are 0)
// — about 4n integer hashes per row instead of the n² of hashing every n−1 subset afresh. l_i depends
// on every other column's value and position, never on column i, which is what the verdict needs.
import { columnText, isNestedType, type EncodedColumn } from './encoding.js';
import type { RowHashPlan } from './digest-scan.js';
import type { DigestSession } from '../duckdb/session.js';
import { quoteIdentifier } from '../duckdb/sql.js';

const MODULUS = 1n << 128n;

/** The DuckDB library version of this session, e.g. `v1.5.6`. */
export async function readDuckdbVersion(session: DigestSession): Promise<string> {
  const rows = (await session.connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
  return String(rows[0]?.['v']);
}

function hashableValueOf(column: EncodedColumn): string {
  // hash() of a nested value flattens it ([['a'],['b']] = [['a','b']], [] = NULL): hash its canonical text.
  if (isNestedType(column.type)) return columnText(column);
  const name = quoteIdentifier(column.name);
  return column.roundPlaces === undefined ? name : `round(CAST(${name} AS DOUBLE), ${Math.trunc(column.roundPlaces)})`;
}

// SELECT layers computing prefix p<k> and suffix s<k> hashes, one step per layer, passing the rest on.
function chainLayers(base: string, count: number): string {
  let query = base;
  for (let step = 1; step < count; step += 1) {
    const prefix = `hash(p${step - 1}, h${step}) AS p${step}`;
    const suffix = `hash(h${count - 1 - step}, s${count - step}) AS s${count - 1 - step}`;
    query = `SELECT *, ${prefix}, ${suffix} FROM (${query})`;
  }
  return query;
}

/** The fast plan for `columns` (sorted); `duckdbVersion` is recorded in the digest. */
export function planFast(columns: readonly EncodedColumn[], withColumns: boolean, duckdbVersion: string): RowHashPlan {
  const count = columns.length;
  const prefixes = ['all', ...(withColumns ? columns.map((_, index) => `c${index}`) : [])];
  // From the values themselves: hash() of several values hashes each and combines them in one call.
  const rowHash = count === 0 ? '0::UBIGINT' : `hash(hash(${columns.map(hashableValueOf).join(', ')}))`;
  return {
    algorithm: 'fast-v1',
    duckdbVersion,
    prefixes,
    sums: (prefix) => [`sum(${prefix}_h) AS ${prefix}_0`],
    combine: ([sum]) => ((((sum ?? 0n) % MODULUS) + MODULUS) % MODULUS).toString(16).padStart(32, '0'),
    rows: (source, groupSelect) => {
      if (!withColumns || count === 0)
        return `SELECT ${[`${rowHash} AS all_h`, ...groupSelect, '1 AS one'].join(', ')} FROM ${source}`;
      const groupRefs = groupSelect.map((_, index) => `g${index}`);
      const columnHashes = columns.map((column, index) => `hash(${hashableValueOf(column)}) AS h${index}`);
      const base = `SELECT ${[`${rowHash} AS all_h`, ...columnHashes, ...groupSelect, '1 AS one'].join(', ')} FROM ${source}`;
      const seeded = `SELECT *, h0 AS p0, h${count - 1} AS s${count - 1} FROM (${base})`;
      const leaveOneOut = columns.map((_, index) => {
        const before = index === 0 ? '0::UBIGINT' : `p${index - 1}`;
        const after = index === count - 1 ? '0::UBIGINT' : `s${index + 1}`;
        return `hash(hash(${before}, ${after})) AS c${index}_h`;
      });
      return `SELECT ${['all_h', ...leaveOneOut, ...groupRefs, 'one'].join(', ')} FROM (${chainLayers(seeded, count)})`;
    },
  };
}

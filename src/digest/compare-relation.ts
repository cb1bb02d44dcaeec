// One relation of two run databases compared for diagnosis: the columns whose values differ, a few
// sample rows, and — when every differing column is floating-point and the rows pair one to one
// on all the other columns — how far apart the paired values are (float-noise.ts judges that).
// Both databases are ATTACHed in one session as `a` (reference) and `b` (run).
import { isFloatType, sortColumns } from './encoding.js';
import { measureColumn, type FloatColumnDistance } from './float-noise.js';
import { sampleBagDifference } from './sample-rows.js';
import { compareSchemas, readSchema } from './schema.js';
import { readColumns, type DigestSession, type TableColumn } from '../duckdb/session.js';
import { qualifiedTable, quoteIdentifier } from '../duckdb/sql.js';
import type { SampleRow } from './types.js';

/** Where one relation differs between the reference (a) and a run (b). */
export interface RelationComparison {
  readonly relation: string;
  readonly rowCounts: { readonly reference: number; readonly run: number };
  /** Columns added, removed or retyped, when the schemas differ; null when they match. */
  readonly schemaProblem: string | null;
  /** Columns whose values differ (volatile columns left out), by their multiset of values. */
  readonly columns: readonly string[];
  /** Identifying columns shown beside the differing ones in a readable sample (e.g. employee_id). */
  readonly keyColumns: readonly string[];
  /** Full rows extra on either side (bag difference), a few. */
  readonly samples: { readonly reference: readonly SampleRow[]; readonly run: readonly SampleRow[] };
  /** Paired float distances when only floating-point columns differ and rows pair one to one; else null. */
  readonly float: { readonly pairedRows: number; readonly columns: readonly FloatColumnDistance[] } | null;
  /** Why the difference is not float-only, when it is not (for the report). */
  readonly notFloatBecause: string | null;
}

/** Names that identify a row in a workforce simulation's relations, first the most telling. */
const KEY_NAME =
  /^(employee_id|simulation_year|event_type|event_sequence|scenario_id|plan_design_id|level_id|year|id)$|_id$/;

/** Identifying columns among `columns` that are not themselves differing, at most four. */
export function chooseKeyColumns(columns: readonly string[], differing: readonly string[]): string[] {
  const rank = (name: string): number => {
    const order = ['employee_id', 'simulation_year', 'event_type', 'event_sequence', 'level_id'];
    return order.includes(name) ? order.indexOf(name) : order.length;
  };
  return columns
    .filter((name) => KEY_NAME.test(name) && !differing.includes(name))
    .sort((x, y) => rank(x) - rank(y) || x.localeCompare(y))
    .slice(0, 4);
}

async function readOne(session: DigestSession, sql: string): Promise<Record<string, unknown>> {
  return ((await session.connection.runAndReadAll(sql)).getRowObjectsJson()[0] ?? {}) as Record<string, unknown>;
}

/** Per column, the order-independent sum of its values' hashes, and the row count, on one side. */
async function hashColumns(
  session: DigestSession,
  alias: string,
  relation: string,
  columns: readonly TableColumn[],
): Promise<{ rows: number; sums: string[] }> {
  const sums = columns.map(
    (column, index) => `CAST(sum(hash(${quoteIdentifier(column.name)})) AS VARCHAR) AS h${index}`,
  );
  const row = await readOne(
    session,
    `SELECT count(*) AS n${sums.map((sum) => `, ${sum}`).join('')} FROM ${qualifiedTable(alias, relation)}`,
  );
  return { rows: Number(row['n']), sums: columns.map((_, index) => String(row[`h${index}`])) };
}

/** Compares `relation` between `a` and `b`, volatile columns `exempt` left out; `samples` rows a side. */
export async function compareRelation(
  session: DigestSession,
  relation: string,
  exempt: readonly string[],
  samples = 5,
): Promise<RelationComparison> {
  const declaredA = (await readColumns(session, 'a', relation)) ?? [];
  const declaredB = (await readColumns(session, 'b', relation)) ?? [];
  const namesB = new Set(declaredB.map((column) => column.name));
  const common = sortColumns(declaredA.filter((column) => namesB.has(column.name) && !exempt.includes(column.name)));
  const schemaChanges =
    declaredA.length > 0 && declaredB.length > 0
      ? compareSchemas(await readSchema(session, 'a', relation), await readSchema(session, 'b', relation))
      : [];
  const schemaProblem =
    declaredA.length === 0 || declaredB.length === 0
      ? `${relation} is missing from the ${declaredA.length === 0 ? 'reference' : 'run'}`
      : schemaChanges.length > 0
        ? schemaChanges.map((change) => `${change.column} ${change.change}`).join(', ')
        : null;
  if (declaredA.length === 0 || declaredB.length === 0) {
    return {
      relation,
      rowCounts: { reference: 0, run: 0 },
      schemaProblem,
      columns: [],
      keyColumns: [],
      samples: { reference: [], run: [] },
      float: null,
      notFloatBecause: schemaProblem,
    };
  }
  const sideA = await hashColumns(session, 'a', relation, common);
  const sideB = await hashColumns(session, 'b', relation, common);
  const columns = common.filter((_, index) => sideA.sums[index] !== sideB.sums[index]).map((column) => column.name);
  const rowCounts = { reference: sideA.rows, run: sideB.rows };
  const bag = await sampleBagDifference(session, relation, common, [], samples);
  const base = {
    relation,
    rowCounts,
    schemaProblem,
    columns,
    keyColumns: chooseKeyColumns(
      common.map((c) => c.name),
      columns,
    ),
    samples: { reference: bag.onlyInA, run: bag.onlyInB },
  };
  const notFloat = describeNotFloat(common, columns, rowCounts, schemaProblem);
  if (notFloat !== null) return { ...base, float: null, notFloatBecause: notFloat };
  const paired = await pairFloatColumns(session, relation, common, columns);
  return paired === null
    ? {
        ...base,
        float: null,
        notFloatBecause:
          'the rows do not pair one to one on the columns that agree, or a value is NULL on one side only',
      }
    : { ...base, float: paired, notFloatBecause: null };
}

/** Why the difference cannot be float noise before any pairing, or null when it may be. */
function describeNotFloat(
  common: readonly TableColumn[],
  columns: readonly string[],
  rowCounts: RelationComparison['rowCounts'],
  schemaProblem: string | null,
): string | null {
  if (schemaProblem !== null) return `the schemas differ (${schemaProblem})`;
  if (rowCounts.reference !== rowCounts.run)
    return `the row counts differ (${rowCounts.reference} vs ${rowCounts.run})`;
  if (columns.length === 0) return 'values moved between rows (every column holds the same values)';
  const notFloat = columns.filter((name) => !isFloatType(common.find((column) => column.name === name)!.type));
  return notFloat.length > 0 ? `not floating-point: ${notFloat.join(', ')}` : null;
}

/**
 * Pairs rows on every column that is not a differing float (ties broken by the float values, so a
 * key that repeats still pairs in one fixed way) and measures the differing columns' pairs.
 */
async function pairFloatColumns(
  session: DigestSession,
  relation: string,
  common: readonly TableColumn[],
  floats: readonly string[],
): Promise<{ pairedRows: number; columns: FloatColumnDistance[] } | null> {
  const keys = common.map((column) => column.name).filter((name) => !floats.includes(name));
  const q = quoteIdentifier;
  const keyList = keys.map(q);
  const numbered = (alias: string): string =>
    `SELECT ${[...keyList, ...floats.map(q)].join(', ')}, row_number() OVER (${keyList.length > 0 ? `PARTITION BY ${keyList.join(', ')} ` : ''}ORDER BY ${floats.map((f) => `${q(f)} NULLS LAST`).join(', ')}) AS pair_rank FROM ${qualifiedTable(alias, relation)}`;
  const on = [
    ...keys.map((key) => `ra.${q(key)} IS NOT DISTINCT FROM rb.${q(key)}`),
    'ra.pair_rank = rb.pair_rank',
  ].join(' AND ');
  const pairs = `SELECT ${floats.map((f, index) => `ra.${q(f)} AS a${index}, rb.${q(f)} AS b${index}`).join(', ')}, ra.pair_rank IS NULL OR rb.pair_rank IS NULL AS unpaired FROM (${numbered('a')}) ra FULL OUTER JOIN (${numbered('b')}) rb ON ${on}`;
  await session.connection.run(`CREATE OR REPLACE TEMP TABLE float_pairs AS ${pairs}`);
  try {
    const counts = await readOne(
      session,
      `SELECT count(*) AS n, count(*) FILTER (WHERE unpaired) AS unpaired${floats.map((_, i) => `, count(*) FILTER (WHERE a${i} IS DISTINCT FROM b${i}) AS d${i}, count(*) FILTER (WHERE (a${i} IS NULL) <> (b${i} IS NULL)) AS z${i}`).join('')} FROM float_pairs`,
    );
    // A value on one side and NULL on the other is no rounding: not float noise either.
    if (Number(counts['unpaired']) > 0 || floats.some((_, i) => Number(counts[`z${i}`]) > 0)) return null;
    const columns: FloatColumnDistance[] = [];
    for (const [index, column] of floats.entries()) {
      const a = `a${index}`;
      const b = `b${index}`;
      // The pairs furthest apart in relative and in absolute terms, and any that is a whole number of cents apart.
      const select = (order: string): string =>
        `SELECT ${a} AS a, ${b} AS b FROM float_pairs WHERE ${a} IS DISTINCT FROM ${b} AND ${a} IS NOT NULL AND ${b} IS NOT NULL ORDER BY ${order} DESC LIMIT 500`;
      const cents = `abs(${a} - ${b}) * 100`;
      const sql = `(${select(`abs(${a} - ${b}) / greatest(abs(${a}), abs(${b}))`)}) UNION ALL (${select(`abs(${a} - ${b})`)}) UNION ALL (SELECT ${a}, ${b} FROM float_pairs WHERE ${cents} >= 0.999999 AND abs(${cents} - round(${cents})) < 1e-6 LIMIT 5)`;
      const rows = (await session.connection.runAndReadAll(sql)).getRowObjectsJson();
      const measured = measureColumn(
        column,
        rows.map((row) => [Number(row['a']), Number(row['b'])] as const),
        Number(counts[`d${index}`]),
      );
      columns.push(measured);
    }
    return { pairedRows: Number(counts['n']), columns };
  } finally {
    await session.connection.run('DROP TABLE IF EXISTS float_pairs');
  }
}

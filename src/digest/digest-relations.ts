// A fast digest of every table and view a run leaves, for diagnosis (src/lineage walks them when a
// compared table diverges): per relation the exact sum of DuckDB's hash(hash(values…)) over its rows
// (the fast digest's row hash, fast-digest.ts) plus an md5 of its schema, modulo 2^128; no column or
// group digests; volatile columns left out; every relation in one query. Comparable only between
// digests of one DuckDB version, like the fast digest. The compared tables stay the gate; these only
// say which relations differ.
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { RelationDigest } from '../core/digest-record.js';
import { attachDatabase, openSession, type DigestSession } from '../duckdb/session.js';
import { quoteIdentifier, quoteLiteral } from '../duckdb/sql.js';

export type { RelationDigest } from '../core/digest-record.js';

/** Every relation's digest, and each relation's column names (the lineage reads volatile columns with them). */
export interface RelationsDigest {
  readonly digests: Readonly<Record<string, RelationDigest>>;
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** The (relation, upstream) rows of `edgesTable`, when one was asked for and exists. */
  readonly edges?: readonly (readonly [string, string | null])[];
}

/** What digestRelations is asked: volatile columns per relation, relations to skip, a table of lineage edges. */
export interface RelationsRequest {
  readonly volatile: Readonly<Record<string, readonly string[]>>;
  readonly skip?: readonly string[];
  readonly edgesTable?: string;
}

/** Aliases DuckDB reserves: a file named so is attached under another name. */
const RESERVED = new Set(['memory', 'system', 'temp', 'main']);

/**
 * The file's own name is its alias, as when it was written: a view naming its catalog then resolves.
 * `volatile` lists, per relation, the columns to leave out.
 */
export async function digestRelations(
  database: string,
  request: RelationsRequest,
  options: { threads?: number; memoryLimit?: string; session?: DigestSession } = {},
): Promise<RelationsDigest> {
  const { volatile } = request;
  // A caller digesting many databases (the digest worker) keeps one instance: creating one costs more than the scans of a small run.
  const session =
    options.session ?? (await openSession({ threads: options.threads, memoryLimit: options.memoryLimit }));
  let attachedAs: string | null = null;
  try {
    const stem = path.basename(database).replace(/\.[^.]*$/, '');
    const alias = RESERVED.has(stem.toLowerCase()) || stem === '' ? 'run_db' : stem;
    await attachDatabase(session, database, alias);
    attachedAs = alias;
    await session.connection.run(`USE ${quoteIdentifier(alias)}`);
    const listed = await session.connection.runAndReadAll(
      // duckdb_columns(), not information_schema.columns: the same rows (views included) at a tenth of the cost.
      `SELECT table_name AS t, column_name AS c, data_type AS d, CAST(is_nullable AS VARCHAR) AS n FROM duckdb_columns() WHERE database_name = ${quoteLiteral(alias)} AND schema_name = 'main' ORDER BY table_name, column_index`,
    );
    const declared = new Map<string, { name: string; type: string; nullable: string }[]>();
    for (const row of listed.getRowObjectsJson()) {
      const list = declared.get(String(row['t'])) ?? [];
      list.push({ name: String(row['c']), type: String(row['d']), nullable: String(row['n']) });
      declared.set(String(row['t']), list);
    }
    const columns = Object.fromEntries(
      [...declared].map(([relation, list]) => [relation, list.map((column) => column.name)]),
    );
    const relations = [...declared.keys()].filter((relation) => !request.skip?.includes(relation)).sort();
    const plans = relations.map((relation) =>
      planRelation(relation, declared.get(relation)!, volatile[relation] ?? []),
    );
    const digests: Record<string, RelationDigest> = {};
    // One query for every relation (each its own scan): per-query overhead, not the scans, is most
    // of the cost on small relations. A relation that cannot be read (a view over a missing table)
    // fails the batch, which is then read one relation at a time to name it.
    try {
      Object.assign(digests, await scanRelations(session, plans));
    } catch {
      for (const plan of plans) {
        try {
          Object.assign(digests, await scanRelations(session, [plan]));
        } catch (error) {
          digests[plan.relation] = {
            rowCount: 0,
            error: (error instanceof Error ? error.message : String(error)).split('\n')[0]!,
          };
        }
      }
    }
    const edgesTable = request.edgesTable;
    if (edgesTable === undefined || !columns[edgesTable]) return { digests, columns };
    const rows = await session.connection.runAndReadAll(
      `SELECT CAST(relation AS VARCHAR) AS r, CAST(upstream AS VARCHAR) AS u FROM ${quoteIdentifier(alias)}.main.${quoteIdentifier(edgesTable)}`,
    );
    const edges = rows
      .getRowObjectsJson()
      .map((row) => [String(row['r']), row['u'] === null ? null : String(row['u'])] as const);
    return { digests, columns, edges };
  } finally {
    if (options.session === undefined) session.close();
    else if (attachedAs !== null) {
      await session.connection.run('USE memory');
      await session.connection.run(`DETACH ${quoteIdentifier(attachedAs)}`);
    }
  }
}

/** One relation's scan: its row hash over the columns kept, and the schema it is folded with. */
interface RelationPlan {
  readonly relation: string;
  readonly exempt: readonly string[];
  readonly rowHash: string;
  /** md5 of every column's name, type and nullability (volatile ones too: the schema is the table's identity). */
  readonly schemaHash: bigint;
}

/** Nested values are hashed by their text: hash() flattens them ([['a'],['b']] hashes as [['a','b']]). */
function isNested(type: string): boolean {
  return /[[\]]|^(STRUCT|MAP|UNION)\b/i.test(type);
}

function planRelation(
  relation: string,
  declared: readonly { name: string; type: string; nullable: string }[],
  volatile: readonly string[],
): RelationPlan {
  const exempt = volatile.filter((column) => declared.some((candidate) => candidate.name === column));
  const kept = declared
    .filter((column) => !exempt.includes(column.name))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const values = kept.map((column) =>
    isNested(column.type) ? `CAST(${quoteIdentifier(column.name)} AS VARCHAR)` : quoteIdentifier(column.name),
  );
  const rowHash = values.length === 0 ? '0::UBIGINT' : `hash(hash(${values.join(', ')}))`;
  const schemaText = [...declared]
    .sort((x, y) => (x.name < y.name ? -1 : 1))
    .map((column) => `${column.name}\u0000${column.type}\u0000${column.nullable}`)
    .join('\u0001');
  const schemaHash = BigInt(`0x${createHash('md5').update(schemaText).digest('hex')}`);
  return { relation, exempt, rowHash, schemaHash };
}

const MODULUS = 1n << 128n;

async function scanRelations(
  session: Awaited<ReturnType<typeof openSession>>,
  plans: readonly RelationPlan[],
): Promise<Record<string, RelationDigest>> {
  if (plans.length === 0) return {};
  const parts = plans.map(
    (plan, index) =>
      `SELECT ${index} AS i, count(*) AS n, CAST(coalesce(sum(${plan.rowHash}), 0) AS VARCHAR) AS h FROM main.${quoteIdentifier(plan.relation)}`,
  );
  const rows = (await session.connection.runAndReadAll(parts.join(' UNION ALL '))).getRowObjectsJson();
  const result: Record<string, RelationDigest> = {};
  for (const row of rows) {
    const plan = plans[Number(row['i'])]!;
    const digest = ((BigInt(String(row['h'])) + plan.schemaHash) % MODULUS).toString(16).padStart(32, '0');
    result[plan.relation] = {
      rowCount: Number(row['n']),
      digest,
      ...(plan.exempt.length > 0 ? { exempt: plan.exempt } : {}),
    };
  }
  return result;
}

// The fast digest of every table and view a run leaves, for diagnosis (src/lineage walks them when
// a compared table diverges): one scan each, no column or group digests, volatile columns left
// out. The compared tables stay the gate; these only say which relations differ.
import path from 'node:path';
import { digestTable } from './digest-table.js';
import { attachDatabase, openSession } from './session.js';
import { quoteIdentifier, quoteLiteral } from './sql.js';

/** The fast digest of one relation (volatile columns left out), or why it could not be taken. */
export interface RelationDigest {
  readonly rowCount: number;
  /** 32 hex digits, schema folded in (fast-digest.ts); absent when it could not be read. */
  readonly digest?: string;
  /** Volatile columns left out of the digest. */
  readonly exempt?: readonly string[];
  /** Why the relation could not be digested (e.g. a view over a missing table). */
  readonly error?: string;
}

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
  options: { threads?: number; memoryLimit?: string } = {},
): Promise<RelationsDigest> {
  const { volatile } = request;
  const session = await openSession({ threads: options.threads, memoryLimit: options.memoryLimit });
  try {
    const stem = path.basename(database).replace(/\.[^.]*$/, '');
    const alias = RESERVED.has(stem.toLowerCase()) || stem === '' ? 'run_db' : stem;
    await attachDatabase(session, database, alias);
    await session.connection.run(`USE ${quoteIdentifier(alias)}`);
    const listed = await session.connection.runAndReadAll(
      `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_catalog = ${quoteLiteral(alias)} AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
    );
    const columns: Record<string, string[]> = {};
    for (const row of listed.getRowObjectsJson()) (columns[String(row['t'])] ??= []).push(String(row['c']));
    const digests: Record<string, RelationDigest> = {};
    for (const relation of Object.keys(columns).sort()) {
      if (request.skip?.includes(relation)) continue;
      const exempt = (volatile[relation] ?? []).filter((column) => columns[relation]!.includes(column));
      try {
        const digest = await digestTable(session, alias, relation, { exempt, groupBy: [], round: {} }, { columns: false, kind: 'fast' });
        digests[relation] = { rowCount: digest.rowCount, digest: digest.digest, ...(exempt.length > 0 ? { exempt } : {}) };
      } catch (error) {
        digests[relation] = { rowCount: 0, error: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
      }
    }
    const edgesTable = request.edgesTable;
    if (edgesTable === undefined || !columns[edgesTable]) return { digests, columns };
    const rows = await session.connection.runAndReadAll(
      `SELECT CAST(relation AS VARCHAR) AS r, CAST(upstream AS VARCHAR) AS u FROM ${quoteIdentifier(alias)}.main.${quoteIdentifier(edgesTable)}`,
    );
    const edges = rows.getRowObjectsJson().map((row) => [String(row['r']), row['u'] === null ? null : String(row['u'])] as const);
    return { digests, columns, edges };
  } finally {
    session.close();
  }
}

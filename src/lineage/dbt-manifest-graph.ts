// The lineage of a dbt project from its manifest.json (dbt's documented artifact): every model, seed,
// snapshot and source becomes the relation it writes or names (alias or name; a source's identifier),
// and `depends_on.nodes` becomes its upstream relations. Ephemeral models have no relation: their
// own upstream is passed through to whoever reads them. Pure: the parsed manifest in, a graph out.
import { findInvocationIdColumns, findVolatileColumns, propagateVolatile } from './volatile-columns.js';
import type { VolatileColumn } from './types.js';
import type { LineageGraph, LineageNode } from './types.js';

/** The parts of a manifest node the lineage reads (dbt 1.5–1.9 write them all). */
interface ManifestNode {
  readonly unique_id?: string;
  readonly resource_type?: string;
  readonly name?: string;
  readonly alias?: string | null;
  readonly identifier?: string | null;
  readonly original_file_path?: string;
  readonly compiled_code?: string | null;
  readonly raw_code?: string | null;
  readonly config?: { readonly materialized?: string; readonly enabled?: boolean };
  readonly depends_on?: { readonly nodes?: readonly string[] };
}

/** What readDbtGraph needs from a manifest; anything else in it is ignored. */
export interface DbtManifest {
  readonly nodes?: Readonly<Record<string, ManifestNode>>;
  readonly sources?: Readonly<Record<string, ManifestNode>>;
}

const RELATION_TYPES = new Set(['model', 'seed', 'snapshot']);

/** Materializations a per-year pipeline rebuilds: only the last year's state is left in the database. */
const REBUILT = new Set(['table', 'view']);

/**
 * The graph of `manifest`; `compiledSqlOf(node)` may supply the compiled SQL dbt left under target/
 * (the manifest's own compiled_code is filled only for nodes of the last dbt call).
 */
export function readDbtGraph(
  manifest: DbtManifest,
  from: string,
  compiledSqlOf: (file: string, uniqueId: string) => string | null = () => null,
): LineageGraph {
  const entries = Object.entries(manifest.nodes ?? {}).filter(
    ([, node]) => RELATION_TYPES.has(node.resource_type ?? '') && node.config?.enabled !== false,
  );
  const relationOf = new Map<string, string>();
  const ephemeral = new Map<string, readonly string[]>();
  for (const [id, node] of entries) {
    if (node.config?.materialized === 'ephemeral') ephemeral.set(id, node.depends_on?.nodes ?? []);
    else relationOf.set(id, node.alias ?? node.name ?? id);
  }
  for (const [id, source] of Object.entries(manifest.sources ?? {}))
    relationOf.set(id, source.identifier ?? source.name ?? id);
  // An ephemeral model is inlined into its readers: they depend on what it depends on.
  const resolve = (id: string, seen: Set<string> = new Set()): string[] => {
    if (relationOf.has(id)) return [relationOf.get(id)!];
    if (!ephemeral.has(id) || seen.has(id)) return [];
    seen.add(id);
    return ephemeral.get(id)!.flatMap((parent) => resolve(parent, seen));
  };
  const nodes: Record<string, LineageNode> = {};
  for (const [id, source] of Object.entries(manifest.sources ?? {})) {
    const relation = relationOf.get(id)!;
    nodes[relation] = {
      relation,
      upstream: [],
      model: id,
      ...(source.original_file_path ? { file: source.original_file_path } : {}),
      overwritten: false,
      volatile: [],
    };
  }
  for (const [id, node] of entries) {
    const relation = relationOf.get(id);
    if (relation === undefined) continue;
    const file = node.original_file_path;
    const compiled = (file ? compiledSqlOf(file, id) : null) ?? node.compiled_code ?? null;
    const sql = compiled ?? node.raw_code ?? undefined;
    const materialized = node.config?.materialized ?? (node.resource_type === 'seed' ? 'seed' : 'table');
    nodes[relation] = {
      relation,
      upstream: [...new Set((node.depends_on?.nodes ?? []).flatMap((parent) => resolve(parent)))].sort(),
      model: id,
      ...(file ? { file } : {}),
      ...(sql ? { sql } : {}),
      // Only compiled SQL of a rebuilt model recomputes it: an incremental model's compiled SQL adds only new rows.
      ...(compiled && REBUILT.has(materialized) ? { rerunSql: compiled } : {}),
      overwritten: node.resource_type === 'model' && REBUILT.has(materialized),
      volatile: mergeVolatile(
        sql ? findVolatileColumns(sql, file ?? relation) : [],
        node.raw_code ? findInvocationIdColumns(node.raw_code, file ?? relation) : [],
      ),
    };
  }
  return { source: 'dbt-manifest', from, nodes: propagateVolatile(nodes, () => null) };
}

/** Each column once: the first reason found stays. */
function mergeVolatile(...lists: readonly VolatileColumn[][]): VolatileColumn[] {
  const byColumn = new Map<string, VolatileColumn>();
  for (const entry of lists.flat()) if (!byColumn.has(entry.column)) byColumn.set(entry.column, entry);
  return [...byColumn.values()];
}

// The lineage a command target declares itself (`dag:` in the matrix): a JSON object
// `{ "relation": ["upstream relation", ...] }`, or the rows (relation, upstream) of a table its runs
// leave. Pure: parsed content in, graph out; each malformed entry is named.
import { InputError } from '../core/errors.js';
import type { LineageGraph, LineageNode, LineageSource } from './types.js';

/** Reads `{relation: [upstream, ...]}`; `where` names the file for errors. */
export function readDagObject(value: unknown, where: string, source: LineageSource = 'dag-file'): LineageGraph {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      `${where}: expected a JSON object {"relation": ["upstream relation", ...]}, got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  const edges: [string, string | null][] = [];
  for (const [relation, upstream] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(upstream) || upstream.some((name) => typeof name !== 'string')) {
      throw new InputError(
        `${where}: "${relation}" must list its upstream relations as an array of names, got ${JSON.stringify(upstream)}`,
      );
    }
    if (upstream.length === 0) edges.push([relation, null]);
    for (const name of upstream as string[]) edges.push([relation, name]);
  }
  return graphFromEdges(edges, source, where);
}

/** A graph from (relation, upstream) pairs; a null upstream declares a relation with none. */
export function graphFromEdges(
  edges: readonly (readonly [string, string | null])[],
  source: LineageSource,
  from: string,
): LineageGraph {
  const upstream = new Map<string, Set<string>>();
  for (const [relation, parent] of edges) {
    const set = upstream.get(relation) ?? new Set<string>();
    if (parent !== null) {
      set.add(parent);
      if (!upstream.has(parent)) upstream.set(parent, new Set());
    }
    upstream.set(relation, set);
  }
  const nodes: Record<string, LineageNode> = {};
  for (const [relation, parents] of upstream)
    nodes[relation] = { relation, upstream: [...parents].sort(), overwritten: false, volatile: [] };
  return { source, from, nodes };
}

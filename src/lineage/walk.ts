// The walk from a symptom to its cause: among the relations that differ between a run and the
// reference, a root cause is one none of whose upstream relations differ. Pure: the graph and the
// set of differing relations in, root causes with their chains to the compared tables out.
import type { LineageGraph } from './types.js';

/** One path from a root cause down to a compared table it reaches, each step marked. */
export interface LineageChain {
  /** The compared table at the end of the chain. */
  readonly to: string;
  /** Relations from the root cause to `to`, both included. */
  readonly path: readonly string[];
  /** For each step of `path`: whether it differs too (false for a relation that kept only a later state). */
  readonly differs: readonly boolean[];
}

/** A relation that differs while none of its upstream relations do. */
export interface WalkedRoot {
  readonly relation: string;
  readonly chains: readonly LineageChain[];
  /**
   * Relations upstream of it that a later year rebuilds and that do not differ now: an earlier
   * year's difference there would be gone, so the cause may lie in one of them.
   */
  readonly overwrittenUpstream: readonly string[];
}

/** Which relations are upstream of which, and the reverse. */
function indexGraph(graph: LineageGraph): { upstream: Map<string, string[]>; downstream: Map<string, string[]> } {
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const node of Object.values(graph.nodes)) {
    upstream.set(node.relation, [...node.upstream].filter((name) => name !== node.relation));
    for (const parent of node.upstream) {
      if (parent === node.relation) continue;
      const list = downstream.get(parent) ?? [];
      list.push(node.relation);
      downstream.set(parent, list);
    }
  }
  for (const list of downstream.values()) list.sort();
  return { upstream, downstream };
}

/** The shortest path (fewest steps, then the differing steps first, then by name) from `from` to `to`. */
function findPath(from: string, to: string, downstream: Map<string, string[]>, differing: ReadonlySet<string>): string[] | null {
  const previous = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  while (frontier.length > 0 && !previous.has(to)) {
    const next: string[] = [];
    // Differing children first: the chain then follows the difference where it can.
    for (const name of frontier) {
      const children = [...(downstream.get(name) ?? [])].sort((a, b) => Number(differing.has(b)) - Number(differing.has(a)) || a.localeCompare(b));
      for (const child of children) {
        if (previous.has(child)) continue;
        previous.set(child, name);
        next.push(child);
      }
    }
    frontier = next;
  }
  if (!previous.has(to)) return null;
  const path: string[] = [];
  for (let at: string | null = to; at !== null; at = previous.get(at) ?? null) path.unshift(at);
  return path;
}

/** Overwritten relations within two steps upstream of `relation` that do not differ, nearest first. */
function findOverwrittenUpstream(relation: string, graph: LineageGraph, upstream: Map<string, string[]>, differing: ReadonlySet<string>): string[] {
  const found: string[] = [];
  let frontier = [relation];
  const seen = new Set(frontier);
  for (let depth = 0; depth < 2; depth += 1) {
    const next: string[] = [];
    for (const name of frontier) {
      for (const parent of upstream.get(name) ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        next.push(parent);
        if (graph.nodes[parent]?.overwritten && !differing.has(parent)) found.push(parent);
      }
    }
    frontier = next.sort();
  }
  return found;
}

/**
 * Root causes among `differing` (relations whose digests differ, volatile columns left out), with a
 * chain to each of `symptoms` (the compared tables that diverged) they reach. A differing relation
 * the graph does not know has no known upstream: it is a root of its own. Roots reaching no symptom
 * are left out: they explain nothing the gate saw (see `findUnexplained` for those).
 */
export function walkToRootCauses(graph: LineageGraph, differing: readonly string[], symptoms: readonly string[]): WalkedRoot[] {
  const differs = new Set([...differing, ...symptoms]);
  const { upstream, downstream } = indexGraph(graph);
  const roots: WalkedRoot[] = [];
  for (const relation of [...differs].sort()) {
    if ((upstream.get(relation) ?? []).some((parent) => differs.has(parent))) continue;
    const chains: LineageChain[] = [];
    for (const symptom of [...symptoms].sort()) {
      const path = relation === symptom ? [symptom] : findPath(relation, symptom, downstream, differs);
      if (path) chains.push({ to: symptom, path, differs: path.map((step) => differs.has(step)) });
    }
    if (chains.length === 0) continue;
    roots.push({ relation, chains, overwrittenUpstream: findOverwrittenUpstream(relation, graph, upstream, differs) });
  }
  return roots;
}

/** Differing relations that reach no diverging compared table (e.g. a data-quality model drawing random()). */
export function findUnexplained(graph: LineageGraph, differing: readonly string[], roots: readonly WalkedRoot[]): string[] {
  const { downstream } = indexGraph(graph);
  const explained = new Set<string>();
  const stack = roots.map((root) => root.relation);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (explained.has(name)) continue;
    explained.add(name);
    stack.push(...(downstream.get(name) ?? []));
  }
  return differing.filter((relation) => !explained.has(relation)).sort();
}

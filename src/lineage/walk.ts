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
    upstream.set(
      node.relation,
      [...node.upstream].filter((name) => name !== node.relation),
    );
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
function findPath(
  from: string,
  to: string,
  downstream: Map<string, string[]>,
  differing: ReadonlySet<string>,
): string[] | null {
  const previous = new Map<string, string | null>([[from, null]]);
  let frontier = [from];
  while (frontier.length > 0 && !previous.has(to)) {
    const next: string[] = [];
    // Differing children first: the chain then follows the difference where it can.
    for (const name of frontier) {
      const children = [...(downstream.get(name) ?? [])].sort(
        (a, b) => Number(differing.has(b)) - Number(differing.has(a)) || a.localeCompare(b),
      );
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

/** Every relation downstream of `from`, itself included. */
function reachFrom(from: string, downstream: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(downstream.get(name) ?? []));
  }
  return seen;
}

/** Overwritten relations within two steps upstream of `relation` that do not differ, nearest first. */
function findOverwrittenUpstream(
  relation: string,
  graph: LineageGraph,
  upstream: Map<string, string[]>,
  differing: ReadonlySet<string>,
): string[] {
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
export function walkToRootCauses(
  graph: LineageGraph,
  differing: readonly string[],
  symptoms: readonly string[],
): WalkedRoot[] {
  const differs = new Set([...differing, ...symptoms]);
  const { upstream, downstream } = indexGraph(graph);
  const candidates = [...differs]
    .sort()
    .filter((relation) => !(upstream.get(relation) ?? []).some((parent) => differs.has(parent)));
  // A candidate whose previous year's input differs because another candidate reaches that input
  // carries that one's difference into the next year: it is not a cause of its own.
  const reachable = new Map(candidates.map((candidate) => [candidate, reachFrom(candidate, downstream)]));
  const carried = (relation: string): boolean =>
    (graph.nodes[relation]?.priorUpstream ?? []).some(
      (prior) =>
        differs.has(prior) && candidates.some((other) => other !== relation && reachable.get(other)!.has(prior)),
    );
  const roots: WalkedRoot[] = [];
  for (const relation of candidates) {
    if (carried(relation)) continue;
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
export function findUnexplained(
  graph: LineageGraph,
  differing: readonly string[],
  roots: readonly WalkedRoot[],
): string[] {
  const { downstream } = indexGraph(graph);
  // A root's difference also reaches the next year through relations that read the year before's state.
  for (const node of Object.values(graph.nodes)) {
    for (const prior of node.priorUpstream ?? [])
      downstream.set(prior, [...(downstream.get(prior) ?? []), node.relation]);
  }
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

/**
 * The graph over the relations a database holds: a declared relation it does not hold (a staging
 * table renamed into an output, an ephemeral model, a disabled one) passes its own upstream on to
 * its readers, so the walk still sees through it.
 */
export function contractToPresent(graph: LineageGraph, present: ReadonlySet<string>): LineageGraph {
  const resolve = (name: string, seen: Set<string>): string[] => {
    if (present.has(name) || !graph.nodes[name]) return present.has(name) ? [name] : [];
    if (seen.has(name)) return [];
    seen.add(name);
    return graph.nodes[name]!.upstream.flatMap((parent) => resolve(parent, seen));
  };
  const nodes: Record<string, LineageGraph['nodes'][string]> = {};
  for (const node of Object.values(graph.nodes)) {
    if (!present.has(node.relation)) continue;
    const through = (names: readonly string[]): string[] =>
      [...new Set(names.flatMap((parent) => resolve(parent, new Set([node.relation]))))]
        .filter((name) => name !== node.relation)
        .sort();
    nodes[node.relation] = {
      ...node,
      upstream: through(node.upstream),
      ...(node.priorUpstream ? { priorUpstream: through(node.priorUpstream) } : {}),
    };
  }
  return { ...graph, nodes };
}

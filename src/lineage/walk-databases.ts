// `threadgate diff DB_A DB_B --dag FILE`: the same walk as a matrix run's, by hand, over two
// database files and a lineage given as dbt's manifest.json or a {relation: [upstream]} JSON file.
import { readFile } from 'node:fs/promises';
import { digestRelations } from '../digest/digest-relations.js';
import { InputError } from '../core/errors.js';
import { classifyDifference } from './classify-difference.js';
import { compareIn, findDifferingRelations } from './diagnose.js';
import type { OtherDifference, RootCause } from './diagnosis-types.js';
import { readDagObject } from './dag-file-graph.js';
import { rerunAtThreadCounts } from './prove-reassociation.js';
import { readManifestGraph, volatileByRelation } from './run-lineage.js';
import type { LineageGraph } from './types.js';
import { contractToPresent, findUnexplained, walkToRootCauses } from './walk.js';

/** Reads `--dag`: dbt's manifest.json, a run's lineage.json, or a {relation: [upstream]} file. */
export async function readDagFile(file: string): Promise<LineageGraph> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `--dag ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`}`,
    );
  }
  // A run's own runs/<id>/lineage.json is a graph already.
  if (typeof parsed === 'object' && parsed !== null && 'source' in parsed && 'nodes' in parsed && 'from' in parsed)
    return parsed as LineageGraph;
  const looksLikeManifest =
    typeof parsed === 'object' &&
    parsed !== null &&
    'nodes' in parsed &&
    typeof (parsed as { nodes: unknown }).nodes === 'object' &&
    ('metadata' in parsed || 'sources' in parsed);
  return looksLikeManifest ? readManifestGraph(file) : readDagObject(parsed, `--dag ${file}`);
}

/** Root causes of B's differences from A, for the tables `symptoms` that differ. */
export async function walkDatabases(
  a: string,
  b: string,
  graph: LineageGraph,
  symptoms: readonly string[],
): Promise<{ rootCauses: RootCause[]; otherDifferences: OtherDifference[] }> {
  const request = { volatile: volatileByRelation(graph), skip: graph.notModels ?? [] };
  const [sideA, sideB] = [await digestRelations(a, request), await digestRelations(b, request)];
  const differing = findDifferingRelations(sideA.digests, sideB.digests);
  const contracted = contractToPresent(graph, new Set([...Object.keys(sideA.digests), ...Object.keys(sideB.digests)]));
  const roots = walkToRootCauses(contracted, differing, symptoms);
  const rootCauses: RootCause[] = [];
  for (const root of roots) {
    const node = contracted.nodes[root.relation];
    const comparison = await compareIn(
      a,
      b,
      root.relation,
      (node?.volatile ?? []).map((entry) => entry.column),
    );
    const proof = comparison.float !== null && node?.rerunSql ? await rerunAtThreadCounts(b, node.rerunSql) : null;
    rootCauses.push({
      relation: root.relation,
      kind: 'configuration',
      model: node?.model ?? null,
      file: node?.file ?? null,
      configurations: [],
      runs: [b],
      columns: comparison.columns,
      volatile: node?.volatile ?? [],
      keyColumns: comparison.keyColumns,
      rowCounts: comparison.rowCounts,
      samples: comparison.samples,
      chain: root.chains,
      overwrittenUpstream: root.overwrittenUpstream,
      classification: classifyDifference(comparison, node?.sql, proof),
    });
  }
  const otherDifferences: OtherDifference[] = [];
  for (const relation of findUnexplained(contracted, differing, roots).slice(0, 12)) {
    const node = contracted.nodes[relation];
    const comparison = await compareIn(
      a,
      b,
      relation,
      (node?.volatile ?? []).map((entry) => entry.column),
    );
    const proof = comparison.float !== null && node?.rerunSql ? await rerunAtThreadCounts(b, node.rerunSql) : null;
    otherDifferences.push({
      relation,
      inLineage: node !== undefined,
      runs: [b],
      columns: comparison.columns,
      classification: classifyDifference(comparison, node?.sql, proof),
    });
  }
  return { rootCauses, otherDifferences };
}

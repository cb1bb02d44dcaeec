// After a run ends: its lineage (from its target) and the fast digest of every relation it left,
// volatile columns out. Writes runs/<id>/lineage.json (the graph, SQL included, so a report rebuilt
// later walks what this run had) and returns the digests for the journal. Never fails the run: a
// lineage that cannot be read is an error recorded beside it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DigestOptions } from '../digest/digest-database.js';
import type { RelationsDigest, RelationsRequest } from '../digest/digest-relations.js';
import type { TargetSpec } from '../matrix/types.js';
import { planalignWorkingCopy } from '../targets/planalign-target.js';
import type { RunContext } from '../targets/types.js';
import { readBuiltinGraph } from './builtin-graph.js';
import { graphFromEdges, readDagObject } from './dag-file-graph.js';
import { readDbtGraph, type DbtManifest } from './dbt-manifest-graph.js';
import type { LineageGraph, RelationDigest } from './types.js';

/** The lineage file in each run's folder. */
export const LINEAGE_FILE = 'lineage.json';

/** Digests every relation of a database (the digest worker's digestRelations). */
export type DigestRelations = (
  database: string,
  request: RelationsRequest,
  options?: DigestOptions,
) => Promise<RelationsDigest>;

/** What the journal keeps: every relation's digest, and why there is no lineage if there is none. */
export interface RunLineage {
  readonly relations: Readonly<Record<string, RelationDigest>> | null;
  readonly lineageError: string | null;
}

/** Why a target has no lineage to walk, in the words the report uses. */
export const NO_DAG_NOTE =
  'root cause needs the lineage: give the command target a `dag:` (a JSON file {relation: [upstream relations]} or a table of the run database with columns relation, upstream)';

/** The dbt project folder of a PlanAlign run's working copy. */
export function planalignDbtFolder(context: RunContext): string {
  return path.join(planalignWorkingCopy(context), 'dbt');
}

/** Reads a dbt project's manifest, with the compiled SQL dbt left beside it where there is some. */
export async function readManifestGraph(manifestFile: string): Promise<LineageGraph> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as DbtManifest;
  const targetFolder = path.dirname(manifestFile);
  const compiled = new Map<string, string>();
  for (const [id, node] of Object.entries(manifest.nodes ?? {})) {
    const file = node.original_file_path;
    const packageName = id.split('.')[1];
    if (!file || !packageName) continue;
    const text = await readFile(path.join(targetFolder, 'compiled', packageName, file), 'utf8').catch(() => null);
    if (text !== null) compiled.set(id, text);
  }
  return readDbtGraph(manifest, manifestFile, (_file, id) => compiled.get(id) ?? null);
}

/** The graph a target declares for a run, null when it has none (a command target without `dag:`, or one in a table). */
export async function readDeclaredGraph(target: TargetSpec, context: RunContext): Promise<LineageGraph | null> {
  if (target.kind === 'builtin') return readBuiltinGraph(target, context.run.threads);
  if (target.kind === 'planalign')
    return readManifestGraph(path.join(planalignDbtFolder(context), 'target', 'manifest.json'));
  if (target.dag && 'file' in target.dag) {
    const text = await readFile(target.dag.file, 'utf8');
    return readDagObject(JSON.parse(text) as unknown, target.dag.file);
  }
  return null;
}

/** Volatile columns per relation, as digestRelations leaves them out. */
export function volatileByRelation(graph: LineageGraph | null): Record<string, string[]> {
  return Object.fromEntries(
    Object.values(graph?.nodes ?? {})
      .filter((node) => node.volatile.length > 0)
      .map((node) => [node.relation, node.volatile.map((entry) => entry.column)]),
  );
}

/** Records a finished run's lineage and relation digests (writes lineage.json into `folder`). */
export async function recordRunLineage(
  target: TargetSpec,
  context: RunContext,
  folder: string,
  digestRelations: DigestRelations,
  options: DigestOptions,
): Promise<RunLineage> {
  let graph: LineageGraph | null = null;
  let lineageError: string | null = null;
  try {
    graph = await readDeclaredGraph(target, context);
  } catch (error) {
    lineageError = `the lineage could not be read: ${(error as Error).message.split('\n')[0]}`;
  }
  const edgesTable = target.kind === 'command' && target.dag && 'table' in target.dag ? target.dag.table : undefined;
  const skip = graph?.notModels ?? [];
  let digested: RelationsDigest;
  try {
    digested = await digestRelations(
      context.database,
      { volatile: volatileByRelation(graph), skip, ...(edgesTable ? { edgesTable } : {}) },
      options,
    );
  } catch (error) {
    return {
      relations: null,
      lineageError: `the relations could not be digested: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  if (edgesTable !== undefined) {
    if (digested.edges) graph = graphFromEdges(digested.edges, 'dag-table', edgesTable);
    else lineageError = `target.dag.table: the run database has no table ${edgesTable}`;
  } else if (graph === null && lineageError === null) {
    lineageError = NO_DAG_NOTE;
  }
  if (graph !== null) await writeFile(path.join(folder, LINEAGE_FILE), JSON.stringify(graph));
  const relations = edgesTable
    ? Object.fromEntries(Object.entries(digested.digests).filter(([name]) => name !== edgesTable))
    : digested.digests;
  return { relations, lineageError };
}

/** The lineage a run recorded, or null when it has none. */
export async function loadRunLineage(folder: string): Promise<LineageGraph | null> {
  const text = await readFile(path.join(folder, LINEAGE_FILE), 'utf8').catch(() => null);
  return text === null ? null : (JSON.parse(text) as LineageGraph);
}

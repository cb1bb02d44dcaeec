// The walk over a matrix run (I/O): for each run whose compared tables diverged, the relations that
// differ from the reference (by the relation digests every run recorded), the walk to the root
// causes over the run's own lineage, and — where both databases were kept — the columns, sample rows
// and float classification of each root cause. A compared table whose difference the matrix's
// float tolerance accepts is taken out of the divergences first, and counted.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { compareRelation, type RelationComparison } from '../digest/compare-relation.js';
import { withinTolerance } from '../digest/float-noise.js';
import { attachDatabase, openSession } from '../duckdb/session.js';
import { configKey, type TableSpec, type ThreadingMode } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import { classifyDifference } from './classify-difference.js';
import type {
  DifferenceClassification,
  LineageDiagnosis,
  OtherDifference,
  RootCause,
  ToleratedDifference,
} from './diagnosis-types.js';
import { rerunAtThreadCounts } from './prove-reassociation.js';
import { loadRunLineage, NO_DAG_NOTE } from './run-lineage.js';
import type { LineageGraph, LineageNode } from './types.js';
import { contractToPresent, findUnexplained, walkToRootCauses, type WalkedRoot } from './walk.js';

/** What the walk reads of a divergence (analysis's Divergence has these and more). */
interface DivergenceLike {
  readonly run: string;
  readonly table: string;
  readonly kind: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
}

/** What the walk reads and rewrites of the determinism verdict (analysis's DeterminismVerdict). */
export interface VerdictLike<D extends DivergenceLike = DivergenceLike> {
  readonly verdict: string;
  readonly reference: { readonly run: string } | null;
  readonly divergences: readonly D[];
  readonly configurations: Readonly<Record<string, string>>;
}

/** Everything the walk reads of a matrix run. */
export interface DiagnoseInput<V extends VerdictLike = VerdictLike> {
  readonly runDir: string;
  /** A run's folder (runs/<id>, src/runner/run-directory.ts), where its lineage.json is. */
  readonly runFolder: (runDir: string, id: string) => string;
  readonly records: readonly RunRecord[];
  readonly verdict: V;
  readonly tables: Readonly<Record<string, TableSpec>>;
  /** Re-run a float-only root cause's SQL at several DuckDB threads (default true). */
  readonly rerun?: boolean;
}

/** Relations at most classified per matrix run: each costs a comparison of two databases. */
const MAX_DETAILED = 12;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The kept database of a record, or null. */
async function keptDatabase(runDir: string, record: RunRecord): Promise<string | null> {
  if (record.database === null) return null;
  const file = path.resolve(runDir, record.database);
  return (await exists(file)) ? file : null;
}

/** Relations whose digests differ between the reference's and the run's relation digests. */
export function findDifferingRelations(
  reference: NonNullable<RunRecord['relations']>,
  run: NonNullable<RunRecord['relations']>,
): string[] {
  const names = new Set([...Object.keys(reference), ...Object.keys(run)]);
  return [...names]
    .filter((name) => {
      const a = reference[name];
      const b = run[name];
      if (a?.error || b?.error) return false;
      return !a || !b || a.rowCount !== b.rowCount || a.digest !== b.digest;
    })
    .sort();
}

/** Compares one relation of two kept databases (a = reference, b = run). */
export async function compareIn(
  referenceDb: string,
  runDb: string,
  relation: string,
  exempt: readonly string[],
): Promise<RelationComparison> {
  const session = await openSession({ threads: 2, memoryLimit: '1GB' });
  try {
    await attachDatabase(session, referenceDb, 'a');
    await attachDatabase(session, runDb, 'b');
    return await compareRelation(session, relation, exempt);
  } finally {
    session.close();
  }
}

/**
 * Diagnoses the run: tolerated differences out of the verdict, then root causes and other differing
 * relations. A walk that fails (an unreadable database) is a note in the report, never a lost report.
 */
export async function diagnoseLineage<V extends VerdictLike>(
  input: DiagnoseInput<V>,
): Promise<{ verdict: V; diagnosis: LineageDiagnosis }> {
  try {
    return await walkRun(input);
  } catch (error) {
    const note = `the lineage walk failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
    return { verdict: input.verdict, diagnosis: { rootCauses: [], otherDifferences: [], tolerated: [], note } };
  }
}

async function walkRun<V extends VerdictLike>(
  input: DiagnoseInput<V>,
): Promise<{ verdict: V; diagnosis: LineageDiagnosis }> {
  const { runDir, records } = input;
  const reference = records.find((record) => record.id === input.verdict.reference?.run);
  const empty = { rootCauses: [], otherDifferences: [], tolerated: [] };
  if (!reference) return { verdict: input.verdict, diagnosis: { ...empty, note: null } };
  const referenceDb = await keptDatabase(runDir, reference);
  const { verdict, tolerated } = await applyFloatTolerance(input, referenceDb);
  const byId = new Map(records.map((record) => [record.id, record]));
  const symptoms = new Map<string, string[]>();
  for (const divergence of verdict.divergences)
    symptoms.set(divergence.run, [...(symptoms.get(divergence.run) ?? []), divergence.table]);
  if (!reference.relations) {
    const note =
      verdict.divergences.length > 0
        ? "root cause needs every relation's digest, which this run did not record (a journal from before threadgate recorded them)"
        : null;
    return { verdict, diagnosis: { ...empty, tolerated, note } };
  }
  const walked = new Map<string, { roots: WalkedRoot[]; graph: LineageGraph; differing: string[] }>();
  const notes = new Set<string>();
  const unexplainedRuns = new Map<string, string[]>();
  for (const record of records) {
    if (record === reference || record.status !== 'ok' || !record.relations) continue;
    const differing = findDifferingRelations(reference.relations, record.relations);
    if (differing.length === 0) continue;
    const graph =
      (await loadRunLineage(input.runFolder(runDir, record.id))) ??
      (await loadRunLineage(input.runFolder(runDir, reference.id)));
    if (!graph) {
      if (symptoms.has(record.id)) notes.add(record.lineageError ?? reference.lineageError ?? NO_DAG_NOTE);
      continue;
    }
    const present = new Set([...Object.keys(reference.relations), ...Object.keys(record.relations)]);
    const contracted = contractToPresent(graph, present);
    const roots = symptoms.has(record.id) ? walkToRootCauses(contracted, differing, symptoms.get(record.id)!) : [];
    walked.set(record.id, { roots, graph: contracted, differing });
    for (const relation of findUnexplained(contracted, differing, roots))
      unexplainedRuns.set(relation, [...(unexplainedRuns.get(relation) ?? []), record.id]);
  }
  const rootCauses = await describeRootCauses(input, reference, referenceDb, walked, byId);
  const otherDifferences = await describeOthers(
    input,
    referenceDb,
    unexplainedRuns,
    walked,
    byId,
    MAX_DETAILED - rootCauses.length,
  );
  return {
    verdict,
    diagnosis: { rootCauses, otherDifferences, tolerated, note: notes.size > 0 ? [...notes].join('; ') : null },
  };
}

/** Details of one relation between the reference and the first of `runs` with a kept database. */
async function detail(
  input: DiagnoseInput,
  referenceDb: string | null,
  runs: readonly RunRecord[],
  relation: string,
  node: LineageNode | undefined,
): Promise<{ comparison: RelationComparison | null; classification: DifferenceClassification | null }> {
  if (referenceDb === null) return { comparison: null, classification: null };
  for (const record of runs) {
    const runDb = await keptDatabase(input.runDir, record);
    if (runDb === null) continue;
    const exempt = [...(node?.volatile ?? []).map((entry) => entry.column), ...(input.tables[relation]?.exempt ?? [])];
    const comparison = await compareIn(referenceDb, runDb, relation, exempt);
    const proof =
      comparison.float !== null && node?.rerunSql && input.rerun !== false
        ? await rerunAtThreadCounts(runDb, node.rerunSql)
        : null;
    return { comparison, classification: classifyDifference(comparison, node?.sql, proof) };
  }
  return { comparison: null, classification: null };
}

/** Whether a relation also differs between runs of one configuration (by its digests). */
function differsOnRepetition(relation: string, runs: readonly RunRecord[], records: readonly RunRecord[]): boolean {
  for (const run of runs) {
    const same = records.filter(
      (other) => other.status === 'ok' && other.relations && configKey(other) === configKey(run),
    );
    const signatures = new Set(
      same.map((other) => `${other.relations![relation]?.rowCount}:${other.relations![relation]?.digest}`),
    );
    if (signatures.size > 1) return true;
  }
  return false;
}

async function describeRootCauses(
  input: DiagnoseInput,
  reference: RunRecord,
  referenceDb: string | null,
  walked: Map<string, { roots: WalkedRoot[]; graph: LineageGraph }>,
  byId: Map<string, RunRecord>,
): Promise<RootCause[]> {
  const grouped = new Map<string, { root: WalkedRoot; runs: RunRecord[]; graph: LineageGraph }>();
  for (const [runId, { roots, graph }] of walked) {
    for (const root of roots) {
      const entry = grouped.get(root.relation) ?? { root, runs: [], graph };
      entry.runs.push(byId.get(runId)!);
      // Chains to every compared table any run reached.
      const chains = [
        ...entry.root.chains,
        ...root.chains.filter((chain) => !entry.root.chains.some((known) => known.to === chain.to)),
      ];
      entry.root = { ...entry.root, chains };
      grouped.set(root.relation, entry);
    }
  }
  const causes: RootCause[] = [];
  for (const [relation, { root, runs, graph }] of [...grouped].sort(([a], [b]) => a.localeCompare(b))) {
    const node = graph.nodes[relation];
    const { comparison, classification } =
      causes.length < MAX_DETAILED
        ? await detail(input, referenceDb, runs, relation, node)
        : { comparison: null, classification: null };
    causes.push({
      relation,
      kind: differsOnRepetition(relation, [...runs, reference], input.records) ? 'repetition' : 'configuration',
      model: node?.model ?? null,
      file: node?.file ?? null,
      configurations: [...new Set(runs.map(configKey))].sort(),
      runs: runs.map((run) => run.id),
      columns: comparison?.columns ?? [],
      volatile: node?.volatile ?? [],
      keyColumns: comparison?.keyColumns ?? [],
      rowCounts: comparison?.rowCounts ?? null,
      samples: comparison?.samples ?? null,
      chain: root.chains,
      overwrittenUpstream: root.overwrittenUpstream,
      classification,
    });
  }
  return causes;
}

async function describeOthers(
  input: DiagnoseInput,
  referenceDb: string | null,
  unexplained: Map<string, string[]>,
  walked: Map<string, { graph: LineageGraph }>,
  byId: Map<string, RunRecord>,
  budget: number,
): Promise<OtherDifference[]> {
  const others: OtherDifference[] = [];
  for (const [relation, runIds] of [...unexplained].sort(([a], [b]) => a.localeCompare(b))) {
    const node = walked.get(runIds[0]!)?.graph.nodes[relation];
    const runs = runIds.map((id) => byId.get(id)!);
    const { comparison, classification } =
      others.length < budget
        ? await detail(input, referenceDb, runs, relation, node)
        : { comparison: null, classification: null };
    others.push({
      relation,
      inLineage: node !== undefined,
      runs: runIds,
      columns: comparison?.columns ?? [],
      classification,
    });
  }
  return others;
}

/** Takes out of the verdict each compared table's difference that its `float` tolerance accepts. */
async function applyFloatTolerance<V extends VerdictLike>(
  input: DiagnoseInput<V>,
  referenceDb: string | null,
): Promise<{ verdict: V; tolerated: ToleratedDifference[] }> {
  const tolerated: ToleratedDifference[] = [];
  const kept: V['divergences'][number][] = [];
  for (const divergence of input.verdict.divergences) {
    const tolerance = input.tables[divergence.table]?.float;
    const record = input.records.find((candidate) => candidate.id === divergence.run);
    const runDb = record ? await keptDatabase(input.runDir, record) : null;
    if (!tolerance || divergence.kind === 'schema' || referenceDb === null || runDb === null) {
      kept.push(divergence);
      continue;
    }
    const comparison = await compareIn(referenceDb, runDb, divergence.table, input.tables[divergence.table]!.exempt);
    if (comparison.float === null || !withinTolerance(comparison.float.columns, tolerance)) {
      kept.push(divergence);
      continue;
    }
    const columns = comparison.float.columns;
    tolerated.push({
      run: divergence.run,
      table: divergence.table,
      tolerance,
      values: columns.reduce((sum, column) => sum + column.differingValues, 0),
      maxUlps: Math.max(...columns.map((column) => column.maxUlps)),
      maxRelative: Math.max(...columns.map((column) => column.maxRelative)),
    });
  }
  if (tolerated.length === 0) return { verdict: input.verdict, tolerated };
  const configurations = { ...input.verdict.configurations };
  for (const key of Object.keys(configurations)) {
    if (configurations[key] === 'fail' && !kept.some((divergence) => configKey(divergence) === key))
      configurations[key] = 'pass';
  }
  return {
    verdict: { ...input.verdict, divergences: kept, verdict: kept.length > 0 ? 'fail' : 'pass', configurations },
    tolerated,
  };
}

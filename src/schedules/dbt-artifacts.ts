// dbt's own records of a run, as documented for dbt 1.8: target/manifest.json (each node's
// depends_on.nodes, resource_type, tags) and target/run_results.json (per node: thread_id and
// timing[] with compile/execute started_at/completed_at). run_results.json holds only the last dbt
// call, and PlanAlign calls dbt many times per year; dbt-log.ts reads every call from logs/dbt.log.
import type { RawTask } from './types.js';

/** What the schedule needs of one manifest node. */
export interface ManifestNode {
  readonly name: string;
  readonly dependsOn: readonly string[];
  /** The first tag (PlanAlign tags models by stage, e.g. EVENT_GENERATION), else the resource type. */
  readonly group: string;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${what}: expected an object`);
  return value as Record<string, unknown>;
}

/** The last segment of a unique id: `model.project.int_hiring_events` → `int_hiring_events`. */
export function shortNodeName(uniqueId: string): string {
  return uniqueId.slice(uniqueId.lastIndexOf('.') + 1);
}

/** Nodes of a parsed manifest.json, by unique id. */
export function parseManifest(manifest: unknown, file = 'manifest.json'): Map<string, ManifestNode> {
  const nodes = asRecord(asRecord(manifest, file)['nodes'], `${file}: nodes`);
  const out = new Map<string, ManifestNode>();
  for (const [uniqueId, value] of Object.entries(nodes)) {
    const node = asRecord(value, `${file}: nodes.${uniqueId}`);
    const dependsOn = (node['depends_on'] as { nodes?: unknown } | undefined)?.nodes;
    const tags = Array.isArray(node['tags']) ? node['tags'].filter((t): t is string => typeof t === 'string') : [];
    out.set(uniqueId, {
      name: typeof node['name'] === 'string' ? node['name'] : shortNodeName(uniqueId),
      dependsOn: Array.isArray(dependsOn) ? dependsOn.filter((d): d is string => typeof d === 'string') : [],
      group: tags[0] ?? (typeof node['resource_type'] === 'string' ? node['resource_type'] : 'node'),
    });
  }
  return out;
}

/** Slot of a dbt thread name: `Thread-3 (worker)` → 2; the main thread → 0. */
export function slotOfThread(thread: string): number {
  const match = /Thread-(\d+)/.exec(thread);
  return match ? Math.max(0, Number(match[1]) - 1) : 0;
}

/** One dbt call's nodes from a parsed run_results.json, their dependencies from the manifest. */
export function parseRunResults(
  runResults: unknown,
  nodes: ReadonlyMap<string, ManifestNode>,
  file = 'run_results.json',
): RawTask[] {
  const results = asRecord(runResults, file)['results'];
  if (!Array.isArray(results)) throw new Error(`${file}: results: expected a list`);
  const ran = new Set(results.map((r) => String(asRecord(r, `${file}: results[]`)['unique_id'])));
  return results.flatMap((value, index): RawTask[] => {
    const result = asRecord(value, `${file}: results[${index}]`);
    const uniqueId = String(result['unique_id']);
    const timing = Array.isArray(result['timing'])
      ? result['timing'].map((t) => asRecord(t, `${file}: results[${index}].timing[]`))
      : [];
    const starts = timing.map((t) => Date.parse(String(t['started_at']))).filter(Number.isFinite);
    const ends = timing.map((t) => Date.parse(String(t['completed_at']))).filter(Number.isFinite);
    if (starts.length === 0 || ends.length === 0) return []; // skipped nodes have no timing
    const node = nodes.get(uniqueId);
    return [
      {
        id: uniqueId,
        model: node?.name ?? shortNodeName(uniqueId),
        year: null,
        modelClass: node?.group ?? null,
        startMs: Math.min(...starts),
        finishMs: Math.max(...ends),
        slot: slotOfThread(String(result['thread_id'] ?? '')),
        dependsOn: (node?.dependsOn ?? []).filter((d) => ran.has(d)),
      },
    ];
  });
}

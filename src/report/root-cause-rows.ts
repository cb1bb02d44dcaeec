// What every exporter says about root causes and repeated findings, in one place: the one-line
// description (terminal, JUnit), chains, the readable columns of a sample, and divergences with the
// same tables, groups and columns said once with their runs.
import type { Divergence } from '../analysis/types.js';
import type { DifferenceClassification, RootCause } from '../lineage/diagnosis-types.js';
import type { LineageChain } from '../lineage/walk.js';
import type { Report } from './types.js';

/** `a → b → c`, a step that kept no difference (a later year overwrote it) marked `(overwritten)`. */
export function formatChain(chain: LineageChain): string {
  return chain.path.map((step, index) => (chain.differs[index] ? step : `${step} (no difference left)`)).join(' → ');
}

/** `float reassociation (max 6 ULPs, relative 7.0e-16; proven by re-run)` or `real change: …`. */
export function describeClassification(classification: DifferenceClassification | null): string {
  if (classification === null) return 'not classified (databases not kept)';
  if (classification.verdict === 'real-change') return `real change — ${classification.reason}`;
  const proven = classification.proof?.changesWithThreads
    ? '; proven by re-running it at several DuckDB threads'
    : '; judged by size';
  return `floating-point reassociation (max ${classification.maxUlps} ULPs, relative ${(classification.maxRelative ?? 0).toExponential(1)}${proven})`;
}

/** One line: where it differs, what, and what it reaches. */
export function describeRootCause(cause: RootCause): string {
  const where = `${cause.configurations.join(', ')} (${cause.runs.length} run(s)${cause.kind === 'repetition' ? ', also differs on repetition' : ''})`;
  const columns = cause.columns.length > 0 ? `; columns ${cause.columns.join(', ')}` : '';
  const reaches = cause.chain.map((chain) => chain.to).join(', ');
  const model = cause.file ? ` (${cause.file})` : '';
  return `root cause ${cause.relation}${model} differs at ${where}${columns}; reaches ${reaches}; ${describeClassification(cause.classification)}`;
}

/** The root causes reaching a divergence's table in its run, for the JUnit message and the summary. */
export function findRootCausesOf(report: Report, divergence: Pick<Divergence, 'run' | 'table'>): RootCause[] {
  return (report.rootCauses ?? []).filter(
    (cause) => cause.runs.includes(divergence.run) && cause.chain.some((chain) => chain.to === divergence.table),
  );
}

/** Divergences that share table, groups and columns, said once with every run they occurred in. */
export interface Finding {
  /** The first of them: what the finding shows (its samples, its first year). */
  readonly divergence: Divergence;
  readonly runs: readonly string[];
  /** All of them, in report order (the configurations they occurred in). */
  readonly divergences: readonly Divergence[];
}

/** Groups divergences by table, groups and columns, in first-seen order. */
export function groupFindings(divergences: readonly Divergence[]): Finding[] {
  const byKey = new Map<string, { divergence: Divergence; runs: string[]; divergences: Divergence[] }>();
  for (const divergence of divergences) {
    const key = JSON.stringify([divergence.table, divergence.kind, divergence.groups, divergence.columns]);
    const found = byKey.get(key);
    if (found) {
      found.runs.push(divergence.run);
      found.divergences.push(divergence);
    } else byKey.set(key, { divergence, runs: [divergence.run], divergences: [divergence] });
  }
  return [...byKey.values()];
}

export { chooseSampleColumns } from '../digest/readable-columns.js';

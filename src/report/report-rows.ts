// Derived, display-ready views of a report (per-configuration rows, divergence anchors, the
// verdict headline) so Markdown, HTML, JUnit and the terminal agree on what they show.
import type { ConfigurationStats, Divergence } from '../analysis/types.js';
import { describeSchemaChange } from '../digest/schema.js';
import { configKey, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';
import { CONFIDENCE_MEANING } from '../analysis/recommendation.js';
import { groupFindings } from './root-cause-rows.js';
import type { Report } from './types.js';

/** One configuration as every table shows it. */
export interface ConfigurationRow {
  readonly key: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  /** Timed runs that finished ok / timed runs recorded. */
  readonly okRuns: number;
  readonly totalRuns: number;
  readonly stats: ConfigurationStats | null;
  readonly determinism: 'pass' | 'fail' | 'no-data';
  /** Indices (1-based, as in `#divergence-<n>`) of the findings (divergences grouped, root-cause-rows.ts) it occurs in. */
  readonly divergenceIndices: readonly number[];
}

/**
 * The modes every table and chart shows: the matrix's, then the added reference configuration's
 * (`--modes aggressive` still runs 1 thread sequential, and the recommendation may point there),
 * then any other mode a run used, in the usual mode order.
 */
export function listReportModes(report: Report): ThreadingMode[] {
  const seen = new Set<ThreadingMode>([
    ...report.matrix.modes,
    report.matrix.reference.mode,
    ...report.runs.map((run) => run.mode),
  ]);
  const extra = THREADING_MODES.filter((mode) => seen.has(mode) && !report.matrix.modes.includes(mode));
  return [...report.matrix.modes, ...extra];
}

/** The thread counts every table shows: the matrix's, the reference's and any a run used, ascending. */
export function listReportThreads(report: Report): number[] {
  return [
    ...new Set([...report.matrix.threads, report.matrix.reference.threads, ...report.runs.map((run) => run.threads)]),
  ].sort((a, b) => a - b);
}

/** Rows in matrix order (mode, then threads): every planned configuration, the reference among them, and any that ran. */
export function listConfigurationRows(report: Report): ConfigurationRow[] {
  const rows: ConfigurationRow[] = [];
  const findings = groupFindings(report.determinism.divergences);
  const planned = new Set([
    ...report.matrix.modes.flatMap((mode) => report.matrix.threads.map((threads) => configKey({ threads, mode }))),
    configKey(report.matrix.reference),
    ...report.runs.map(configKey),
  ]);
  for (const mode of listReportModes(report)) {
    for (const threads of listReportThreads(report)) {
      const key = configKey({ threads, mode });
      if (!planned.has(key)) continue;
      const timed = report.runs.filter((r) => r.threads === threads && r.mode === mode && !r.warmup);
      rows.push({
        key,
        threads,
        mode,
        okRuns: timed.filter((r) => r.status === 'ok').length,
        totalRuns: timed.length,
        stats: report.performance.configurations.find((c) => c.key === key) ?? null,
        determinism: report.determinism.configurations[key] ?? 'no-data',
        divergenceIndices: findings
          .map((f, i) => (f.divergences.some((d) => d.threads === threads && d.mode === mode) ? i + 1 : 0))
          .filter((i) => i > 0),
      });
    }
  }
  return rows;
}

/** Noisy samples of a configuration, "2/5" ("–" when noise was not measured or nothing was timed). */
export function formatNoisyCount(stats: ConfigurationStats | null): string {
  return stats && stats.n > 0 && stats.noisySamples !== undefined ? `${stats.noisySamples}/${stats.n}` : '–';
}

/** The anchor id of the n-th divergence (1-based): the determinism grid links to it. */
export function divergenceAnchor(index: number): string {
  return `divergence-${index}`;
}

/** One line describing a divergence, for lists and JUnit failure messages. */
export function describeDivergence(divergence: Divergence): string {
  if (divergence.kind === 'schema')
    return `${divergence.run}: ${divergence.table} schema differs: ${describeSchemaChanges(divergence)}`;
  const where = divergence.firstYear === null ? '' : ` from ${divergence.firstYear}`;
  const columns = divergence.columns.length > 0 ? `; columns: ${divergence.columns.join(', ')}` : '';
  const kind = divergence.kind === 'repetition' ? ' (differs from its own repetition)' : '';
  return `${divergence.run}: ${divergence.table} differs${where}${kind}; ${divergence.groups.length} group(s)${columns}`;
}

/** "column a retyped INTEGER → BIGINT; column b added (VARCHAR)". */
export function describeSchemaChanges(divergence: Divergence): string {
  return (divergence.schemaChanges ?? []).map(describeSchemaChange).join('; ');
}

const FAILED_CHECK: Readonly<Record<string, string>> = {
  determinism: 'determinism violation',
  failures: 'runs crashed, timed out or were OOM-killed',
  'golden-digests': 'golden digests differ',
  performance: 'performance regression',
  completeness: 'runs missing',
  evidence: 'nothing judged',
};

/** The verdict in a few words, e.g. `FAIL — determinism violation (exit 1)`. */
export function describeVerdict(report: Report): string {
  const { gate } = report;
  const failed = gate.reasons.filter((r) => r.status === 'fail').map((r) => FAILED_CHECK[r.check] ?? r.check);
  const skipped = gate.reasons.filter((r) => r.status === 'skipped').map((r) => r.check);
  const what =
    gate.verdict === 'pass'
      ? skipped.length > 0
        ? `no check failed (skipped: ${skipped.join(', ')})`
        : 'all checks passed'
      : failed.join(', ') || 'failed';
  const pending =
    report.pendingRuns > 0
      ? ` — ${report.pendingRuns} of ${report.pendingRuns + report.runs.length} run(s) missing`
      : '';
  return `${gate.verdict.toUpperCase()} — ${what} (exit ${gate.exitCode})${pending}`;
}

/** The recommendation in one line, or why there is none. */
export function describeRecommendation(report: Report): string {
  const rec = report.recommendation;
  if (rec === null) return `No recommendation: ${report.recommendationError ?? 'not enough eligible configurations'}`;
  return (
    `Recommended: ${rec.thread_count} thread(s), mode ${rec.mode} ` +
    `(max_threads ${rec.max_threads}, confidence ${Math.round(rec.confidence * 100)}%: ${CONFIDENCE_MEANING})`
  );
}

/** Table names of the report: the matrix's tables, then any others seen in run digests. */
export function listTableNames(report: Report): string[] {
  const names = new Set(Object.keys(report.matrix.tables));
  for (const run of report.runs) for (const name of Object.keys(run.digests ?? {})) names.add(name);
  return [...names];
}

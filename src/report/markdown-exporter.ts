// report.md: a compact summary fit for a GitHub job summary — verdict first, then what diverged,
// the per-configuration figures, the findings and the recommendation ready to paste.
import { listExemptions } from './exemption-rows.js';
import { renderPredictionMarkdown } from './prediction-section.js';
import { renderWhatIfMarkdown } from './what-if-section.js';
import { listStageTableRows } from './stage-section.js';
import type { Divergence } from '../analysis/types.js';
import type { SampleRow } from '../digest/types.js';
import { escapeMarkdown, escapeMarkdownCode } from './escape.js';
import { formatBytes, formatIntervalCell, formatMs, formatPercent, formatRatioValue } from '../core/format.js';
import { describeConditions } from './conditions-rows.js';
import {
  describeSchemaChanges,
  describeVerdict,
  divergenceAnchor,
  formatNoisyCount,
  listConfigurationRows,
} from './report-rows.js';
import { renderSearchMarkdown } from './search-section.js';
import {
  chooseSampleColumns,
  describeClassification,
  findRootCausesOf,
  formatChain,
  groupFindings,
} from './root-cause-rows.js';
import { CONFIDENCE_MEANING } from '../analysis/recommendation.js';
import type { Exporter, Report } from './types.js';

/** Sample rows shown per side of a divergence: enough to see the pattern, short enough for a summary. */
const MAX_SAMPLE_ROWS = 3;
/** Divergences detailed here; GitHub caps a step summary at 1 MiB, and report.html has them all. */
const MAX_DIVERGENCES = 20;

const STATUS_ICON: Readonly<Record<string, string>> = { pass: '✅', fail: '❌', skipped: '⏭️', 'no-data': '➖' };

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function renderVerdict(report: Report): string[] {
  const icon = report.gate.verdict === 'pass' ? '✅' : report.gate.verdict === 'incomplete' ? '⚠️' : '❌';
  const reasons = report.gate.reasons.map(
    (r) => `- ${STATUS_ICON[r.status] ?? ''} **${r.check}** (${r.status}): ${escapeMarkdown(r.message)}`,
  );
  const ok = report.runs.filter((r) => r.status === 'ok').length;
  return [
    `# ${icon} threadgate ${escapeMarkdown(describeVerdict(report))}`,
    '',
    ...reasons,
    '',
    `Matrix ${escapeMarkdownCode(report.matrix.name)} · ${ok}/${report.runs.length} runs ok · ` +
      `${escapeMarkdown(report.hardware.cpuModel)} (${report.hardware.logicalCores} logical cores, ` +
      `${formatBytes(report.hardware.memoryBytes)}) · ${escapeMarkdown(report.startedAt)} → ${escapeMarkdown(report.finishedAt)}`,
    ...describeConditions(report).flatMap((line) => ['', `> ${escapeMarkdown(line)}`]),
  ];
}

function formatSampleValue(value: string | number | boolean | null): string {
  return value === null ? '*NULL*' : escapeMarkdownCode(value);
}

function renderSamples(
  samples: NonNullable<Divergence['samples']>,
  differing: readonly string[] = [],
  identifying: readonly string[] = [],
): string[] {
  const sides: [string, readonly SampleRow[]][] = [
    ['reference', samples.reference.slice(0, MAX_SAMPLE_ROWS)],
    ['run', samples.run.slice(0, MAX_SAMPLE_ROWS)],
  ];
  // The differing and identifying columns only: full rows are in report.json.
  const columns = chooseSampleColumns({ reference: sides[0]![1], run: sides[1]![1] }, differing, identifying);
  if (columns.length === 0) return [];
  const rows = sides.flatMap(([side, sideRows]) =>
    sideRows.map((row) => [
      side,
      `${row.surplus > 0 ? '+' : ''}${row.surplus}`,
      ...columns.map((c) => formatSampleValue(row.values[c] ?? null)),
    ]),
  );
  return ['', ...table(['side', '×', ...columns.map(escapeMarkdown)], rows)];
}

/** The columns the digests left out, and why (empty when none was). */
function describeExemptions(report: Report): string[] {
  const rows = listExemptions(report);
  if (rows.length === 0) return [];
  return [
    '',
    `Not compared: ${rows.map((r) => `${escapeMarkdownCode(`${r.table}.${r.column}`)} (${escapeMarkdown(r.reason)})`).join(', ')}.`,
  ];
}

function renderDivergences(report: Report): string[] {
  const { divergences, reference } = report.determinism;
  if (divergences.length === 0) {
    const against = reference ? ` identical to ${escapeMarkdownCode(reference.run)}` : '';
    return [
      '## Determinism',
      '',
      `No divergences: ${report.determinism.compared} run(s) compared${against}.`,
      ...describeExemptions(report),
    ];
  }
  const lines = ['## Divergences', ...describeExemptions(report), ''];
  if (reference) lines.push(`Reference run: ${escapeMarkdownCode(reference.run)}.`, '');
  const findings = groupFindings(divergences);
  if (findings.length < divergences.length)
    lines.push(
      `${divergences.length} divergences, ${findings.length} distinct: each is said once with the runs it occurred in.`,
      '',
    );
  findings.slice(0, MAX_DIVERGENCES).forEach(({ divergence: d, runs }, i) => {
    lines.push(
      `### <a id="${divergenceAnchor(i + 1)}"></a>${i + 1}. ${escapeMarkdownCode(d.table)} — ${runs.map(escapeMarkdownCode).join(', ')}`,
      '',
      `- configuration: ${d.threads} thread(s), ${d.mode}${d.alsoDiffersOnRepetition ? ' — **also differs from itself on repetition**' : ''}`,
      `- first year: ${d.firstYear ?? 'unknown'}; rows: ${d.rowCounts.reference} (reference) vs ${d.rowCounts.run} (run)`,
      `- groups: ${d.groups.length === 0 ? 'none localized' : d.groups.slice(0, 8).map(escapeMarkdownCode).join(', ')}${d.groups.length > 8 ? `, … (${d.groups.length} in all)` : ''}`,
      `- columns: ${d.columns.length === 0 ? 'not localized to one column' : d.columns.map(escapeMarkdownCode).join(', ')}`,
    );
    if (d.kind === 'schema')
      lines.push(`- **schema differs** (rows not compared): ${escapeMarkdownCode(describeSchemaChanges(d))}`);
    for (const cause of findRootCausesOf(report, d))
      lines.push(`- caused by: ${escapeMarkdownCode(cause.relation)} (see Root causes)`);
    if (d.samples) lines.push(...renderSamples(d.samples, d.columns, report.matrix.tables[d.table]?.groupBy ?? []));
    else lines.push('- samples: none (databases not kept)');
    lines.push('');
  });
  if (findings.length > MAX_DIVERGENCES) {
    lines.push(`… and ${findings.length - MAX_DIVERGENCES} more finding(s): see report.html or report.json.`);
  }
  return lines;
}

/** Root causes first: the relation that changed, its chain to the compared tables, and whether it is float noise. */
function renderRootCauses(report: Report): string[] {
  const causes = report.rootCauses ?? [];
  const lineage = report.lineage;
  const lines: string[] = [];
  if (causes.length > 0)
    lines.push(
      '## Root causes',
      '',
      'Relations that differ from the reference while none of their upstream relations do (the lineage walk; volatile columns are not evidence).',
      '',
    );
  for (const cause of causes) {
    lines.push(
      `### ${escapeMarkdownCode(cause.relation)}${cause.file ? ` — ${escapeMarkdownCode(cause.file)}` : ''}`,
      '',
      `- differs at: ${cause.configurations.map(escapeMarkdownCode).join(', ')} (runs ${cause.runs.map(escapeMarkdownCode).join(', ')})${cause.kind === 'repetition' ? ' — **also differs on repetition**' : ''}`,
      `- columns: ${cause.columns.length > 0 ? cause.columns.map(escapeMarkdownCode).join(', ') : 'unknown (databases not kept)'}`,
      ...cause.chain.map((chain) => `- reaches ${escapeMarkdownCode(chain.to)}: ${escapeMarkdown(formatChain(chain))}`),
      `- verdict: ${escapeMarkdown(describeClassification(cause.classification))}`,
    );
    if (cause.classification?.aggregates?.length)
      lines.push(`- aggregates in its SQL: ${cause.classification.aggregates.map(escapeMarkdownCode).join(', ')}`);
    if (cause.classification?.fixes?.length)
      lines.push(`- usual fixes: ${cause.classification.fixes.map(escapeMarkdown).join('; ')}`);
    if (cause.volatile.length > 0)
      lines.push(
        `- volatile, not evidence: ${cause.volatile.map((v) => `${escapeMarkdownCode(v.column)} (${escapeMarkdown(v.reason)})`).join(', ')}`,
      );
    if (cause.overwrittenUpstream.length > 0)
      lines.push(
        `- upstream relations a later year overwrote (an earlier difference there would be gone): ${cause.overwrittenUpstream.map(escapeMarkdownCode).join(', ')}`,
      );
    if (cause.samples) lines.push(...renderSamples(cause.samples, cause.columns, cause.keyColumns));
    lines.push('');
  }
  if (lineage?.note)
    lines.push(...(causes.length === 0 ? ['## Root causes', ''] : []), `> ${escapeMarkdown(lineage.note)}`, '');
  for (const tolerated of lineage?.tolerated ?? []) {
    lines.push(
      `- ${escapeMarkdownCode(tolerated.table)} in ${escapeMarkdownCode(tolerated.run)}: ${tolerated.values} value(s) equal only within the float tolerance (max ${tolerated.maxUlps} ULPs, relative ${tolerated.maxRelative.toExponential(1)})`,
    );
  }
  const others = lineage?.otherDifferences ?? [];
  if (others.length > 0) {
    lines.push(
      '',
      `Other relations that differ but reach no diverging compared table: ${others.map((o) => `${escapeMarkdownCode(o.relation)} (${o.inLineage ? '' : 'not in the lineage: '}${escapeMarkdown(describeClassification(o.classification))})`).join('; ')}.`,
    );
  }
  return lines;
}

function renderConfigurations(report: Report): string[] {
  const rows = listConfigurationRows(report).map((row) => {
    const s = row.stats;
    const det = `${STATUS_ICON[row.determinism] ?? ''} ${row.determinism}`;
    if (s === null || s.n === 0)
      return [String(row.threads), row.mode, `0/${row.totalRuns}`, '–', '–', '–', '–', '–', '–', det];
    // A peak RSS of 0 means no memory sample was taken: not measured, not zero bytes.
    const peakRss = s.peakRssBytes > 0 ? formatBytes(s.peakRssBytes) : '–';
    return [
      String(row.threads),
      row.mode,
      `${s.n}/${row.totalRuns}`,
      formatMs(s.medianMs),
      formatIntervalCell(s.medianCi, s.n),
      formatRatioValue(s.speedup),
      formatRatioValue(s.efficiency, ''),
      peakRss,
      formatNoisyCount(s),
      det,
    ];
  });
  return [
    '## Configurations',
    '',
    ...table(
      ['threads', 'mode', 'n', 'median', '95% CI', 'speedup', 'efficiency', 'peak RSS', 'noisy', 'determinism'],
      rows,
    ),
  ];
}

function renderStageTimings(report: Report): string[] {
  const stages = listStageTableRows(report);
  if (stages === null) return [];
  return [
    "## The orchestrator's own timings",
    '',
    'Median per-stage durations the target reported (telemetry).',
    '',
    ...table(
      stages.header,
      stages.rows.map(([stage, ...cells]) => [escapeMarkdownCode(stage ?? ''), ...cells]),
    ),
  ];
}

function renderFindings(report: Report): string[] {
  const findings = report.performance.findings;
  if (findings.length === 0) return [];
  return ['## Findings', '', ...findings.map((f) => `- ${escapeMarkdown(f)}`)];
}

function renderRecommendation(report: Report): string[] {
  const rec = report.recommendation;
  if (rec === null) {
    return [
      '## Recommendation',
      '',
      `No recommendation: ${escapeMarkdown(report.recommendationError ?? 'no eligible configuration')}.`,
    ];
  }
  return [
    '## Recommendation',
    '',
    `**${rec.thread_count} thread(s), mode \`${rec.mode}\`** — max_threads ${rec.max_threads}, ` +
      `confidence ${formatPercent(rec.confidence)} (${CONFIDENCE_MEANING}), best median ${formatMs(rec.best.medianMs)}.`,
    '',
    ...rec.reasons.map((r) => `- ${escapeMarkdown(r)}`),
    '',
    '```yaml',
    // A fence of backticks inside the snippet would end the block early: break such runs.
    rec.planalign_snippet.replace(/```/g, '`\u200b``').trimEnd(),
    '```',
  ];
}

/** Verdict first, then divergences, configurations, findings and the recommendation. */
export const markdownExporter: Exporter = {
  format: 'markdown',
  fileName: 'report.md',
  serialize(report: Report): string {
    const sections = [
      renderVerdict(report),
      renderRootCauses(report),
      renderDivergences(report),
      renderConfigurations(report),
      renderStageTimings(report),
      renderFindings(report),
      renderRecommendation(report),
      renderSearchMarkdown(report),
      renderPredictionMarkdown(report),
      renderWhatIfMarkdown(report),
    ];
    return `${sections
      .filter((s) => s.length > 0)
      .map((s) => s.join('\n').trimEnd())
      .join('\n\n')}\n`;
  },
};

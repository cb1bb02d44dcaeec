// report.html's markup from a report and its pre-rendered charts: one self-contained page, every
// outside value escaped, no script, and a Content-Security-Policy that forbids scripts and network.
import { CONFIDENCE_MEANING } from '../analysis/recommendation.js';
import { describeSchemaChange } from '../digest/schema.js';
import { escapeHtml as h } from './escape.js';
import {
  formatBytes,
  formatIntervalCell,
  formatMemoryPerThread,
  formatMs,
  formatPercent,
  formatRatioValue,
} from '../core/format.js';
import { REPORT_CSS } from './html-style.js';
import { listExemptions } from './exemption-rows.js';
import { renderPredictionHtml } from './prediction-section.js';
import { renderWhatIfHtml } from './what-if-section.js';
import { renderStageSection } from './stage-section.js';
import type { RenderedChart } from './render-charts.js';
import { renderScheduleTable } from './schedule-table.js';
import { describeConditions } from './conditions-rows.js';
import { renderReadableSamples, renderRootCausesHtml } from './root-cause-html.js';
import { groupFindings } from './root-cause-rows.js';
import type { Divergence } from '../analysis/types.js';
import {
  describeVerdict,
  divergenceAnchor,
  formatNoisyCount,
  listConfigurationRows,
  listReportModes,
  listReportThreads,
  listTableNames,
} from './report-rows.js';
import { renderSearchHtml } from './search-section.js';
import type { Report } from './types.js';

const MAX_SAMPLE_ROWS = 10;
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function renderHeader(report: Report): string {
  const { gate, hardware, matrix } = report;
  const ok = report.runs.filter((r) => r.status === 'ok').length;
  const reasons = gate.reasons
    .map(
      (r) =>
        `<li><span class="badge ${h(r.status)}">${h(r.status)}</span> <strong>${h(r.check)}</strong> — ${h(r.message)}</li>`,
    )
    .join('');
  return `<header class="verdict ${h(gate.verdict)}" id="verdict">
<div class="verdict-word">${h(gate.verdict.toUpperCase())}</div>
<div class="verdict-detail">${h(describeVerdict(report).replace(/^\w+ — /, ''))}</div>
<p class="verdict-meta">matrix <strong>${h(matrix.name)}</strong> · ${ok}/${report.runs.length} runs ok · target ${h(report.target.kind)} ${h(report.target.version)} ·
${h(hardware.cpuModel)}, ${hardware.physicalCores}/${hardware.logicalCores} cores, ${h(formatBytes(hardware.memoryBytes))} · ${h(report.startedAt)} → ${h(report.finishedAt)}</p>
</header>
<ul class="reasons">${reasons}</ul>${describeConditions(report)
    .map((line) => `\n<p class="conditions">${h(line)}</p>`)
    .join('')}`;
}

function renderRecommendation(report: Report): string {
  const rec = report.recommendation;
  if (rec === null) {
    return `<section class="recommendation" id="recommendation"><h2>Recommendation</h2>
<p>No recommendation: ${h(report.recommendationError ?? 'no eligible configuration')}</p></section>`;
  }
  return `<section class="recommendation" id="recommendation"><h2>Recommendation</h2>
<div class="rec-headline"><span class="figure">${rec.thread_count}</span> thread${rec.thread_count === 1 ? '' : 's'} · mode <span class="figure">${h(rec.mode)}</span></div>
<p>confidence <span class="confidence" aria-hidden="true"><span style="width:${Math.round(Math.min(1, Math.max(0, rec.confidence)) * 100)}%"></span></span> ${formatPercent(rec.confidence)} <span class="muted">(${h(CONFIDENCE_MEANING)})</span>
· max_threads ${rec.max_threads} · best median ${h(formatMs(rec.best.medianMs))} (${rec.best.threads} threads, ${h(rec.best.mode)})
· memory per thread ${h(formatMemoryPerThread(rec.memory_per_thread_bytes))}</p>
<ul>${rec.reasons.map((r) => `<li>${h(r)}</li>`).join('')}</ul>
<p class="muted">For PlanAlign's <code>simulation_config.yaml</code>:</p>
<pre><code>${h(rec.planalign_snippet.trimEnd())}</code></pre></section>`;
}

function renderGrid(report: Report): string {
  const rows = listConfigurationRows(report);
  const modes = listReportModes(report);
  const ref = report.determinism.reference;
  const body = listReportThreads(report)
    .map((threads) => {
      const cells = modes.map((mode) => {
        const row = rows.find((r) => r.threads === threads && r.mode === mode);
        if (!row) return '<td class="not-planned">not planned</td>';
        const verdict = row?.determinism ?? 'no-data';
        const isRef = ref !== null && ref.threads === threads && ref.mode === mode;
        let label = verdict === 'pass' ? '✓ identical' : verdict === 'fail' ? '✗ diverges' : '– no data';
        if (isRef) label = '★ reference';
        const links = (row?.divergenceIndices ?? []).map(
          (i) => `<a href="#${divergenceAnchor(i)}">✗ divergence ${i}</a>`,
        );
        return `<td class="${h(verdict)}">${links.length > 0 ? links.join('<br>') : label}</td>`;
      });
      return `<tr><th>${threads} thread${threads === 1 ? '' : 's'}</th>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="grid"><thead><tr><th></th>${modes.map((m) => `<th>${h(m)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function renderDivergences(report: Report): string {
  const { divergences, reference, compared } = report.determinism;
  const against = reference ? ` against reference run <code>${h(reference.run)}</code>` : '';
  const exempt = listExemptions(report).map((r) => `<code>${h(`${r.table}.${r.column}`)}</code> (${h(r.reason)})`);
  const intro = `<p>${compared} run(s) compared${against} over tables ${listTableNames(report)
    .map((t) => `<code>${h(t)}</code>`)
    .join(', ')}.</p>${exempt.length > 0 ? `\n<p class="muted">Not compared: ${exempt.join(', ')}.</p>` : ''}`;
  const findings = groupFindings(divergences);
  const grouped =
    findings.length < divergences.length
      ? `<p>${divergences.length} divergences, ${findings.length} distinct: each is shown once with the runs it occurred in.</p>`
      : '';
  const details = findings
    .map(
      ({ divergence: d, runs, divergences: all }, i) => `<article class="divergence" id="${divergenceAnchor(i + 1)}">
<h3>${i + 1}. ${runs.map((run) => `<code>${h(run)}</code>`).join(', ')} — table <code>${h(d.table)}</code></h3>
<p>${listConfigurations(all)} · ${d.kind === 'repetition' ? 'differs from its own repetition' : d.kind === 'schema' ? 'schema differs from the reference' : 'differs from the reference'}${d.alsoDiffersOnRepetition ? ' · <strong>also differs from itself on repetition</strong>' : ''}
· first year <strong>${d.firstYear ?? 'unknown'}</strong> · rows ${d.rowCounts.reference} (reference) vs ${d.rowCounts.run} (run)</p>
<p>Groups: ${d.groups.length === 0 ? 'none localized' : d.groups.map((g) => `<code>${h(g)}</code>`).join(', ')}</p>
<p>Columns: ${d.columns.length === 0 ? 'not localized to one column' : d.columns.map((c) => `<code>${h(c)}</code>`).join(', ')}</p>
${d.kind === 'schema' ? `<p><strong>Schema differs</strong> (rows not compared): ${(d.schemaChanges ?? []).map((c) => `<code>${h(describeSchemaChange(c))}</code>`).join(', ')}</p>` : ''}
${d.samples ? renderReadableSamples(d.samples, d.columns, report.matrix.tables[d.table]?.groupBy ?? [], MAX_SAMPLE_ROWS) : '<p class="muted">No sample rows: the databases were not kept.</p>'}
</article>`,
    )
    .join('\n');
  return `<section id="determinism"><h2>Determinism</h2>${intro}${renderGrid(report)}${grouped}${details}</section>`;
}

/** "2 thread(s), aggressive" — each configuration a finding occurred in, once. */
function listConfigurations(divergences: readonly Divergence[]): string {
  const seen = [...new Set(divergences.map((d) => `${d.threads} thread(s), ${d.mode}`))];
  return seen.map(h).join('; ');
}

function renderCharts(charts: readonly RenderedChart[]): string {
  if (charts.length === 0) return '';
  // The SVG comes from Vega's renderer, which escapes the text it draws; it is inserted as markup.
  const figures = charts.map(
    (c) =>
      `<figure id="chart-${c.id}" class="${/timeline$|^schedule-gantt$|^model-durations$/.test(c.id) ? 'wide' : ''}"><figcaption>${h(c.title)}</figcaption>${c.svg}</figure>`,
  );
  return `<section id="charts"><h2>Performance</h2><div class="charts">${figures.join('\n')}</div></section>`;
}

function renderConfigurationTable(report: Report): string {
  const body = listConfigurationRows(report)
    .map((row) => {
      const s = row.stats;
      // A peak RSS of 0 means no memory sample was taken: not measured, not zero bytes.
      const figures =
        s && s.n > 0
          ? [
              formatMs(s.medianMs),
              formatIntervalCell(s.medianCi, s.n),
              formatRatioValue(s.speedup),
              formatRatioValue(s.efficiency, ''),
              s.peakRssBytes > 0 ? formatBytes(s.peakRssBytes) : '–',
              s.meanCores.toFixed(2),
              formatNoisyCount(s),
            ]
          : ['–', '–', '–', '–', '–', '–', '–'];
      return `<tr><td class="num">${row.threads}</td><td>${h(row.mode)}</td><td class="num">${row.okRuns}/${row.totalRuns}</td>${figures.map((f) => `<td class="num">${h(f)}</td>`).join('')}<td><span class="badge ${h(row.determinism)}">${h(row.determinism)}</span></td></tr>`;
    })
    .join('\n');
  const findings = report.performance.findings.map((f) => `<li>${h(f)}</li>`).join('');
  return `<section id="configurations"><h2>Configurations</h2>
<table><thead><tr><th>threads</th><th>mode</th><th>runs ok</th><th>median</th><th>95% CI</th><th>speedup</th><th>efficiency</th><th>peak RSS</th><th>mean cores</th><th>noisy</th><th>determinism</th></tr></thead><tbody>${body}</tbody></table>
${findings ? `<h3>Findings</h3><ul>${findings}</ul>` : ''}</section>`;
}

function renderFailedRuns(report: Report): string {
  const failed = report.runs.filter((r) => r.status !== 'ok' || r.digestError !== null);
  if (failed.length === 0) return '';
  const items = failed.map(
    (
      r,
    ) => `<details><summary><code>${h(r.id)}</code> — ${h(r.status)}: ${h(r.error ?? r.digestError ?? `exit code ${r.exitCode}`)}</summary>
<pre>${h(r.stderrTail || '(no stderr)')}</pre></details>`,
  );
  return `<section id="failed-runs"><h2>Failed runs</h2>${items.join('\n')}</section>`;
}

/** The whole page; `charts` are SVGs rendered beforehand (see render-charts.ts). */
export function renderHtmlPage(report: Report, charts: readonly RenderedChart[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>threadgate ${h(report.gate.verdict.toUpperCase())} — ${h(report.matrix.name)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderHeader(report)}
${renderRecommendation(report)}
${renderSearchHtml(report)}
${renderRootCausesHtml(report)}
${renderDivergences(report)}
${renderCharts(charts)}
${renderConfigurationTable(report)}
${renderScheduleTable(report)}
${renderStageSection(report)}
${renderPredictionHtml(report)}
${renderWhatIfHtml(report)}
${renderFailedRuns(report)}
<footer>threadgate ${h(report.tool.version)} · report schema ${report.schemaVersion} · hardware ${h(report.hardware.id)} (${h(report.hardware.os)}, ${h(report.hardware.arch)}, DuckDB ${h(report.hardware.duckdbVersion)})${report.pendingRuns > 0 ? ` · <strong>${report.pendingRuns} run(s) pending</strong>` : ''}</footer>
</body>
</html>
`;
}

// history.html's markup (pure): one self-contained page — every chart pre-rendered to SVG, no
// script, a Content-Security-Policy that forbids scripts and network, every outside value escaped.
import { escapeHtml as h } from '../report/escape.js';
import { REPORT_CSS } from '../report/html-style.js';
import type { RenderedChart } from '../report/render-charts.js';
import type { HistoryCheck } from './check-history.js';
import { describeChange, shortCommit } from './history-gate.js';
import type { LoadedHistory } from './read-history.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function renderChanges(check: HistoryCheck): string {
  const items = check.series.flatMap((s) =>
    s.changes.map((c) => `<li class="change">${h(s.hardwareId)} · ${h(describeChange(s, c))}</li>`),
  );
  return `<section id="changes"><h2>Change points</h2>${items.length === 0 ? '<p>No series changed its level.</p>' : `<ul>${items.join('')}</ul>`}</section>`;
}

function renderOutputs(check: HistoryCheck): string {
  const rows = [
    ...check.outputChanges.map(
      (o) =>
        `<tr class="output-change"><td>${h(o.matrixName)}</td><td><code>${h(o.table)}</code></td><td>digest changed</td><td><code>${h(shortCommit(o.lastBefore))}</code> → <code>${h(shortCommit(o.firstAfter))}</code></td><td>${h(o.time)}</td></tr>`,
    ),
    ...check.determinismChanges.map(
      (d) =>
        `<tr class="determinism-change"><td>${h(d.matrixName)}</td><td><code>${h(d.table)}</code></td><td>determinism ${d.became === 'broken' ? 'broke' : 'came back'}</td><td><code>${h(shortCommit(d.lastBefore))}</code> → <code>${h(shortCommit(d.firstAfter))}</code></td><td>${h(d.time)}</td></tr>`,
    ),
  ];
  return `<section id="outputs"><h2>Outputs</h2>${rows.length === 0 ? '<p>No table digest changed between commits, and determinism never turned.</p>' : `<table><thead><tr><th>matrix</th><th>table</th><th>what</th><th>commits</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table>`}</section>`;
}

/** The whole page for a history, its check and the rendered trend charts. */
export function renderHistoryPage(
  history: LoadedHistory,
  check: HistoryCheck,
  charts: readonly RenderedChart[],
  generatedAt: Date,
): string {
  const figures = charts
    .map(
      (chart) =>
        `<figure class="chart" id="chart-${h(chart.id)}"><figcaption>${h(chart.title)}</figcaption>${chart.svg}</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>threadgate history</title>
<style>${REPORT_CSS}
.chart svg { max-width: 100%; height: auto; }
.legend-note span { display: inline-block; margin-right: 1.2em; }</style>
</head><body>
<h1>threadgate nightly history</h1>
<p class="muted">${history.runs} run(s) in <code>${h(history.file)}</code> · generated ${h(generatedAt.toISOString())} · change points: E-Divisive means, Student's t-test p ≤ ${check.settings.maxPValue}, levels of ≥ ${check.settings.minSegment} commits</p>
<p class="legend-note muted"><span>● wall-time sample</span><span style="color:#d62728">✚ noisy sample</span><span style="color:#f58518">━ level of a segment</span><span style="color:#e45756">│ change point (first commit at the new level)</span><span style="color:#54a24b">┆ table digest changed</span></p>
${renderChanges(check)}
${renderOutputs(check)}
<section id="trends"><h2>Wall time per configuration</h2>
${figures || '<p>No timed samples yet.</p>'}
</section>
</body></html>
`;
}

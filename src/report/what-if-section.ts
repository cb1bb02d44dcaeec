// The what-if in the reports and on the terminal: plain findings first, then each changed
// schedule's W, S, bound and predicted time at 1-16 threads, the models the critical path is most
// sensitive to, and a chart of the predicted curves.
import type { TopLevelSpec } from 'vega-lite';
import { formatMs } from '../core/format.js';
import type { WhatIfReport, WhatIfScenario } from '../simulate-schedule/what-if.js';
import { escapeHtml as h, escapeMarkdown } from './escape.js';
import type { ChartSpec } from './chart-spec.js';
import type { Report } from './types.js';

/** A scenario's predicted time as the table shows it: marked when it is the prior's guess. */
function formatPredicted(ms: number, scenario: WhatIfScenario): string {
  return scenario.uncalibrated ? `${formatMs(ms)} (prior)` : formatMs(ms);
}

/** The scenarios whose predicted times are the prior's guess, each with why (below the table). */
export function listUncalibrated(whatIf: WhatIfReport): string[] {
  return whatIf.scenarios.flatMap((s) => (s.uncalibrated ? [`${s.name} (prior): ${s.uncalibrated}`] : []));
}

/** The scenarios a chart of predictions shows: not the prior's guesses (a report.json older than the field has none). */
function listCharted(whatIf: WhatIfReport): WhatIfScenario[] {
  return whatIf.scenarios.filter((s) => !s.uncalibrated);
}

/** Header and rows of the scenario table (one row per scenario and thread count). */
export function listWhatIfRows(whatIf: WhatIfReport): { header: string[]; rows: string[][] } {
  const other = whatIf.otherCores;
  const header = [
    'change',
    'W',
    'S',
    'threads',
    'bound',
    `predicted (${whatIf.cores} cores)`,
    ...(other === null ? [] : [`predicted (${other} cores)`]),
  ];
  const rows = whatIf.scenarios.flatMap((s) =>
    s.points.map((p, i) => [
      i === 0 ? s.name : '',
      i === 0 ? formatMs(s.workMs) : '',
      i === 0 ? formatMs(s.criticalPathMs) : '',
      String(p.threads),
      formatMs(p.boundMs),
      formatPredicted(p.predictedMs, s),
      ...(p.predictedOtherCoresMs === null ? [] : [formatPredicted(p.predictedOtherCoresMs, s)]),
    ]),
  );
  return { header, rows };
}

/** Plain text for the terminal: findings, the table, the sensitivity list, a bar chart. */
export function formatWhatIfText(whatIf: WhatIfReport): string {
  const { header, rows } = listWhatIfRows(whatIf);
  const widths = header.map((cell, c) => Math.max(cell.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const charted = listCharted(whatIf);
  const longest = Math.max(1, ...charted.flatMap((s) => s.points.map((p) => p.predictedMs)));
  const bars = charted.flatMap((s) =>
    s.points.map(
      (p) =>
        `${s.name.padEnd(28)} ${String(p.threads).padStart(2)} ${'█'.repeat(Math.max(1, Math.round((p.predictedMs / longest) * 40)))} ${formatMs(p.predictedMs)}`,
    ),
  );
  return [
    `what-if of ${whatIf.referenceRun} (${whatIf.rules} rules; predictions, not measurements):`,
    ...whatIf.findings.map((f) => `  - ${f}`),
    '',
    line(header),
    ...rows.map(line),
    ...listUncalibrated(whatIf).map((note) => `  ${note}`),
    '',
    'critical path sensitivity (each model twice as fast):',
    ...whatIf.sensitivity.map(
      (s) => `  ${s.model}: ${formatMs(s.workMs)} of work, the critical path ${formatMs(s.criticalPathGainMs)} shorter`,
    ),
    '',
    `predicted time (${whatIf.cores} cores):`,
    ...bars,
  ].join('\n');
}

/** The Markdown section; empty without a what-if. */
export function renderWhatIfMarkdown(report: Report): string[] {
  const whatIf = report.whatIf;
  if (!whatIf) return [];
  const { header, rows } = listWhatIfRows(whatIf);
  return [
    '## What-if (predictions)',
    '',
    ...whatIf.findings.map((f) => `- ${escapeMarkdown(f)}`),
    '',
    `| ${header.map(escapeMarkdown).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
    '',
    ...listUncalibrated(whatIf).flatMap((note) => [escapeMarkdown(note), '']),
    'Critical path sensitivity (each model twice as fast):',
    '',
    ...whatIf.sensitivity.map(
      (s) =>
        `- ${escapeMarkdown(s.model)}: ${formatMs(s.workMs)} of work, the critical path ${formatMs(s.criticalPathGainMs)} shorter`,
    ),
    '',
  ];
}

/** The HTML section; empty without a what-if. */
export function renderWhatIfHtml(report: Report): string {
  const whatIf = report.whatIf;
  if (!whatIf) return '';
  const { header, rows } = listWhatIfRows(whatIf);
  return `<section id="what-if"><h2>What-if (predictions)</h2><ul>${whatIf.findings.map((f) => `<li>${h(f)}</li>`).join('')}</ul>
<table><thead><tr>${header.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>
${listUncalibrated(whatIf)
  .map((note) => `<p>${h(note)}</p>`)
  .join('')}
<h3>Critical path sensitivity</h3><ul>${whatIf.sensitivity.map((s) => `<li>${h(s.model)}: ${h(formatMs(s.workMs))} of work, the critical path ${h(formatMs(s.criticalPathGainMs))} shorter if twice as fast</li>`).join('')}</ul></section>`;
}

/** Predicted time per thread count for each changed schedule. */
export function buildWhatIfChart(report: Report): ChartSpec | null {
  const whatIf = report.whatIf;
  if (!whatIf) return null;
  const values = listCharted(whatIf).flatMap((s) =>
    s.points.map((p) => ({ change: s.name, threads: p.threads, seconds: p.predictedMs / 1000 })),
  );
  const ticks: number[] = whatIf.scenarios[0]?.points.map((p) => p.threads) ?? [];
  const spec: TopLevelSpec = {
    width: 360,
    height: 220,
    config: { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: '#ddd' } },
    data: { values },
    mark: { type: 'line', point: true, strokeDash: [4, 3] },
    encoding: {
      x: {
        field: 'threads',
        type: 'quantitative',
        title: 'threads',
        scale: { type: 'log', base: 2, nice: false },
        axis: { values: ticks, format: 'd' },
      },
      y: { field: 'seconds', type: 'quantitative', title: 'predicted wall time (s)', scale: { zero: false } },
      color: { field: 'change', type: 'nominal', title: 'change (prediction)' },
    },
  };
  return { id: 'what-if', title: `What-if: predicted time of each change (${whatIf.cores} cores; predictions)`, spec };
}

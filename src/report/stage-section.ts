// The target's own per-stage timings in the reports (PlanAlign's structured telemetry): a table of
// each stage's median per configuration, and a stacked-bar chart of where each configuration's time went.
import type { TopLevelSpec } from 'vega-lite';
import { formatMs } from '../core/format.js';
import type { StageTiming } from '../analysis/stage-timings.js';
import { escapeHtml as h } from './escape.js';
import type { ChartSpec } from './chart-spec.js';
import type { Report } from './types.js';

const CONFIG = { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: '#ddd' } } as const;

function configurationLabel(timing: Pick<StageTiming, 'threads' | 'mode'>): string {
  return `${timing.threads} × ${timing.mode}`;
}

/** Stage names in pipeline order (summarizeStageTimings lists them so), and the configurations that reported them. */
function tableAxes(timings: readonly StageTiming[]): { stages: string[]; configurations: string[] } {
  return {
    stages: [...new Set(timings.map((t) => t.stage))],
    configurations: [...new Set(timings.map(configurationLabel))],
  };
}

/** Rows `stage | median per configuration` for the Markdown report (empty when no stage was reported). */
export function listStageTableRows(report: Report): { header: string[]; rows: string[][] } | null {
  const timings = report.stageTimings ?? [];
  if (timings.length === 0) return null;
  const { stages, configurations } = tableAxes(timings);
  const cell = (stage: string, label: string) => {
    const timing = timings.find((t) => t.stage === stage && configurationLabel(t) === label);
    return timing ? formatMs(timing.medianMs) : '–';
  };
  return {
    header: ['stage', ...configurations],
    rows: stages.map((stage) => [stage, ...configurations.map((label) => cell(stage, label))]),
  };
}

/** report.html's section on the target's own timings; '' when the target reports none. */
export function renderStageSection(report: Report): string {
  const table = listStageTableRows(report);
  if (table === null) return '';
  const head = table.header.map((cell) => `<th>${h(cell)}</th>`).join('');
  const body = table.rows
    .map(
      ([stage, ...cells]) =>
        `<tr><td><code>${h(stage ?? '')}</code></td>${cells.map((c) => `<td class="num">${h(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<section id="stage-timings"><h2>The orchestrator's own timings</h2>
<p class="muted">Per-stage durations the target reported itself (PlanAlign's <code>PLANALIGN_TELEMETRY</code> lines), median over each configuration's timed runs: which stage a thread count or mode changes.</p>
<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

/** Stacked bars: each configuration's median stage durations, one colour per stage (year prefix dropped). */
export function buildStageChart(report: Report): ChartSpec | null {
  const timings = report.stageTimings ?? [];
  if (timings.length === 0) return null;
  const values = timings.map((t) => ({
    configuration: configurationLabel(t),
    stage: t.stage.replace(/^\d{4}\//, ''),
    seconds: t.medianMs / 1000,
    name: t.stage,
  }));
  const spec: TopLevelSpec = {
    width: 360,
    height: { step: 22 },
    config: CONFIG,
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'configuration', type: 'nominal', title: null, sort: null },
      x: { aggregate: 'sum', field: 'seconds', type: 'quantitative', title: 'median seconds, stacked by stage' },
      color: { field: 'stage', type: 'nominal', title: 'stage', sort: null },
      tooltip: [
        { field: 'name', type: 'nominal' },
        { field: 'seconds', type: 'quantitative', format: '.2f' },
      ],
    },
  };
  return { id: 'stage-timings', title: "Where the time went, by the orchestrator's own stages", spec };
}

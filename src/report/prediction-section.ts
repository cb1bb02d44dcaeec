// Predicted beside measured in the reports: the schedule simulator's curve (src/simulate-schedule)
// next to the measured medians, its error per configuration, thread counts not run marked as
// predictions, and the curve on another core count when one was asked for.
import type { TopLevelSpec } from 'vega-lite';
import { formatMs } from '../core/format.js';
import type { PredictedConfiguration, PredictionSection } from '../simulate-schedule/predict-runs.js';
import { escapeHtml as h, escapeMarkdown } from './escape.js';
import type { ChartSpec } from './chart-spec.js';
import type { Report } from './types.js';

const CONFIG = { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: '#ddd' } } as const;

/** One sentence on how good the prediction is. */
export function describePredictionAccuracy(prediction: PredictionSection): string {
  const { calibration: c } = prediction;
  const model = `contention model: parallel gain ${c.parallelGain}, interference ${c.interference} per task beside, oversubscription ${c.oversubscription} per thread beyond the cores, ${c.availableCores ?? prediction.cores} of ${prediction.cores} cores available to the runs, ${formatMs(c.overheadMs)} outside the schedule; calibrated on ${c.fittedOn.join(', ')}`;
  const error =
    prediction.medianAbsErrorPct === null
      ? 'no measured configuration to compare with'
      : `median absolute error ${prediction.medianAbsErrorPct}%, worst ${prediction.worstAbsErrorPct}%`;
  return `predicted from the schedule of ${prediction.referenceRun} (${prediction.rules} rules): ${error} (${model})`;
}

/** Rows `threads | mode | predicted | measured | error` for measured configurations and powers of two up to 16. */
export function listPredictionRows(prediction: PredictionSection): string[][] {
  const shown = prediction.configurations.filter((c) => c.measuredMs !== null || [1, 2, 4, 8, 16].includes(c.threads));
  return shown.map((c) => [
    String(c.threads),
    c.mode,
    `${formatMs(c.predictedMs)}${c.measuredMs === null ? ' (prediction)' : ''}`,
    c.measuredMs === null ? '–' : formatMs(c.measuredMs),
    c.errorPct === null ? '–' : `${c.errorPct > 0 ? '+' : ''}${c.errorPct}%`,
  ]);
}

function otherCoresRows(prediction: PredictionSection): string[][] {
  if (!prediction.otherCores) return [];
  return prediction.otherCores.configurations
    .filter((c) => [1, 2, 4, 8, 16].includes(c.threads))
    .map((c) => [String(c.threads), c.mode, `${formatMs(c.predictedMs)} (prediction)`]);
}

// A text chart for report.md: one bar per configuration, measured bars solid, predictions shaded.
function textChart(configurations: readonly PredictedConfiguration[]): string[] {
  const longest = Math.max(...configurations.map((c) => Math.max(c.predictedMs, c.measuredMs ?? 0)), 1);
  const bar = (ms: number, glyph: string): string => glyph.repeat(Math.max(1, Math.round((ms / longest) * 40)));
  return configurations.flatMap((c) => {
    const label = `${c.mode.padEnd(10)} ${String(c.threads).padStart(2)}`;
    const predicted = `${label} predicted ${bar(c.predictedMs, '░')} ${formatMs(c.predictedMs)}`;
    return c.measuredMs === null
      ? [predicted]
      : [predicted, `${' '.repeat(label.length)} measured  ${bar(c.measuredMs, '█')} ${formatMs(c.measuredMs)}`];
  });
}

/** The Markdown section; empty when the report has no prediction. */
export function renderPredictionMarkdown(report: Report): string[] {
  const prediction = report.prediction;
  if (!prediction) return [];
  const table = (header: string[], rows: string[][]): string[] => [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
  ];
  const chartRows = prediction.configurations.filter(
    (c) => c.measuredMs !== null || [1, 2, 4, 8, 16].includes(c.threads),
  );
  const lines = [
    '## Predicted beside measured',
    '',
    escapeMarkdown(describePredictionAccuracy(prediction)),
    '',
    ...table(['threads', 'mode', 'predicted', 'measured', 'error'], listPredictionRows(prediction)),
    '',
    'Chart (░ predicted, █ measured; rows without a measured bar are predictions only):',
    '',
    '```',
    ...textChart(chartRows),
    '```',
    '',
  ];
  if (prediction.otherCores) {
    lines.push(
      `On a ${prediction.otherCores.cores}-core machine this schedule would give (predictions):`,
      '',
      ...table(['threads', 'mode', 'predicted'], otherCoresRows(prediction)),
      '',
    );
  }
  return lines;
}

/** The HTML section (table; the chart is among the charts); empty when there is no prediction. */
export function renderPredictionHtml(report: Report): string {
  const prediction = report.prediction;
  if (!prediction) return '';
  const rows = listPredictionRows(prediction)
    .map((r) => `<tr>${r.map((cell) => `<td>${h(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  const other = prediction.otherCores
    ? `<h3>On a ${prediction.otherCores.cores}-core machine (predictions)</h3><table><thead><tr><th>threads</th><th>mode</th><th>predicted</th></tr></thead><tbody>${otherCoresRows(
        prediction,
      )
        .map((r) => `<tr>${r.map((cell) => `<td>${h(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '';
  return `<section id="prediction"><h2>Predicted beside measured</h2><p>${h(describePredictionAccuracy(prediction))}</p>
<table><thead><tr><th>threads</th><th>mode</th><th>predicted</th><th>measured</th><th>error</th></tr></thead><tbody>${rows}</tbody></table>${other}</section>`;
}

/** Predicted curve (dashed, every thread count to 16) with the measured medians as points. */
export function buildPredictionChart(report: Report): ChartSpec | null {
  const prediction = report.prediction;
  if (!prediction) return null;
  const values = prediction.configurations.flatMap((c) => [
    { threads: c.threads, mode: c.mode, seconds: c.predictedMs / 1000, kind: `predicted (${prediction.cores} cores)` },
    ...(c.measuredMs === null
      ? []
      : [{ threads: c.threads, mode: c.mode, seconds: c.measuredMs / 1000, kind: 'measured' }]),
  ]);
  for (const c of prediction.otherCores?.configurations ?? [])
    values.push({
      threads: c.threads,
      mode: c.mode,
      seconds: c.predictedMs / 1000,
      kind: `predicted (${prediction.otherCores!.cores} cores)`,
    });
  const ticks: number[] = [1, 2, 4, 8, 16];
  const x = {
    field: 'threads',
    type: 'quantitative',
    title: 'threads',
    scale: { type: 'log', base: 2, nice: false },
    axis: { values: ticks, format: 'd' },
  } as const;
  const y = { field: 'seconds', type: 'quantitative', title: 'wall time (s)', scale: { zero: false } } as const;
  const spec: TopLevelSpec = {
    width: 360,
    height: 220,
    config: CONFIG,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind !== 'measured'" }],
        mark: { type: 'line', strokeDash: [4, 3] },
        encoding: {
          x,
          y,
          color: { field: 'mode', type: 'nominal' },
          detail: { field: 'kind' },
          opacity: { field: 'kind', type: 'ordinal', title: 'prediction' },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'measured'" }],
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x,
          y,
          color: { field: 'mode', type: 'nominal' },
          shape: { field: 'kind', type: 'nominal', title: null },
        },
      },
    ],
  };
  return {
    id: 'prediction',
    title: 'Predicted (dashed: predictions, up to 16 threads) beside measured medians (dots)',
    spec,
  };
}

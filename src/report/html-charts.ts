// Vega-Lite specs of the report's charts, built from report data only (pure): runtime with its
// interval, speedup against the ideal and the fitted model, and CPU/memory timelines.
import type { TopLevelSpec } from 'vega-lite';
import { buildPredictionChart } from './prediction-section.js';
import { buildWhatIfChart } from './what-if-section.js';
import { listReportModes } from './report-rows.js';
import { buildScheduleCharts } from './schedule-charts.js';
import { buildStageChart } from './stage-section.js';
import type { ChartSpec } from './chart-spec.js';
import type { Report } from './types.js';

const WIDTH = 360;
const HEIGHT = 220;
const MIB = 1024 * 1024;
// Colours fixed per mode, so every chart (and the grid) uses the same one for a mode.
const MODE_COLORS: Readonly<Record<string, string>> = {
  sequential: '#4c78a8',
  selective: '#f58518',
  aggressive: '#54a24b',
};

/** Colour encoding by mode: the matrix's modes and the reference's (the legend lists no unplanned mode). */
function modeColor(report: Report) {
  const domain = listReportModes(report);
  return {
    field: 'mode',
    type: 'nominal' as const,
    title: 'mode',
    scale: { domain, range: domain.map((m) => MODE_COLORS[m] ?? '#888') },
  };
}
const CONFIG = { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: '#ddd' } } as const;

function testedThreads(report: Report): number[] {
  return [...new Set(report.performance.configurations.map((c) => c.threads))].sort((a, b) => a - b);
}

/** Median wall time per thread count for each mode, with the 95% interval as error bars. */
function buildRuntimeSpec(report: Report): TopLevelSpec {
  const values = report.performance.configurations
    .filter((c) => c.n > 0 && Number.isFinite(c.medianMs))
    .map((c) => ({
      threads: c.threads,
      mode: c.mode,
      medianS: c.medianMs / 1000,
      lowS: c.medianCi.low / 1000,
      highS: c.medianCi.high / 1000,
      n: c.n,
    }));
  const x = {
    field: 'threads',
    type: 'quantitative',
    title: 'threads',
    scale: { type: 'log', base: 2, nice: false },
    axis: { values: testedThreads(report), format: 'd' },
  } as const;
  return {
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values },
    layer: [
      {
        mark: { type: 'errorbar', ticks: true },
        encoding: {
          x,
          y: { field: 'lowS', type: 'quantitative', title: 'median wall time (s)', scale: { zero: false } },
          y2: { field: 'highS' },
          color: modeColor(report),
        },
      },
      {
        mark: { type: 'line', point: { filled: true, size: 50 } },
        encoding: {
          x,
          y: { field: 'medianS', type: 'quantitative', title: 'median wall time (s)' },
          color: modeColor(report),
        },
      },
      ...buildSampleLayers(report, x),
    ],
  };
}

/**
 * Every timed sample as a small dot beside the medians; samples measured on a noisy machine as a
 * red cross, so a median pulled by other work shows at a glance.
 */
function buildSampleLayers(report: Report, x: object): never[] {
  const samples = report.runs
    .filter((run) => !run.warmup && run.status === 'ok')
    .map((run) => ({
      threads: run.threads,
      mode: run.mode,
      seconds: run.wallMs / 1000,
      sample: run.noisy ? 'noisy' : 'quiet',
      id: run.id,
    }));
  if (samples.length === 0) return [];
  const y = { field: 'seconds', type: 'quantitative', title: 'median wall time (s)' } as const;
  return [
    {
      data: { values: samples.filter((s) => s.sample === 'quiet') },
      mark: { type: 'point', size: 14, opacity: 0.45 },
      encoding: { x, y, color: modeColor(report) },
    },
    {
      data: { values: samples.filter((s) => s.sample === 'noisy') },
      mark: { type: 'point', shape: 'cross', size: 60, color: '#d62728', opacity: 0.9 },
      encoding: { x, y },
    },
  ] as never[];
}

/** Measured speedup per mode, the ideal (linear) line and each mode's fitted scaling curve. */
function buildSpeedupSpec(report: Report): TopLevelSpec {
  const tested = testedThreads(report);
  const maxThreads = Math.min(16, Math.max(2, (tested.at(-1) ?? 1) * 2));
  const measured = report.performance.configurations
    .filter((c) => c.speedup !== null && Number.isFinite(c.speedup.value))
    .map((c) => ({
      threads: c.threads,
      mode: c.mode,
      speedup: c.speedup!.value,
      low: c.speedup!.low,
      high: c.speedup!.high,
    }));
  const model = report.performance.models.flatMap((m) =>
    m.predicted
      .filter((p) => p.threads <= maxThreads && Number.isFinite(p.speedup))
      .map((p) => ({ threads: p.threads, mode: m.mode, speedup: p.speedup, law: m.law })),
  );
  const ideal = [
    { threads: 1, speedup: 1 },
    { threads: maxThreads, speedup: maxThreads },
  ];
  const x = { field: 'threads', type: 'quantitative' as const, title: 'threads', scale: { domain: [1, maxThreads] } };
  const y = { field: 'speedup', type: 'quantitative', title: 'speedup vs 1 thread' } as const;
  return {
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      { data: { values: ideal }, mark: { type: 'line', strokeDash: [4, 4], color: '#999' }, encoding: { x, y } },
      {
        data: { values: model },
        mark: { type: 'line', strokeWidth: 1.5, opacity: 0.6 },
        encoding: { x, y, color: modeColor(report), strokeDash: { value: [2, 2] } },
      },
      {
        data: { values: measured },
        mark: { type: 'errorbar', ticks: true },
        encoding: {
          x,
          y: { field: 'low', type: 'quantitative', title: y.title },
          y2: { field: 'high' },
          color: modeColor(report),
        },
      },
      {
        data: { values: measured },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { x, y, color: modeColor(report) },
      },
    ],
  };
}

/** Points per timeline panel: enough for the shape, few enough to keep the page small and fast. */
const MAX_TIMELINE_POINTS = 240;

type TimelineRow = {
  config: string;
  mode: string;
  seconds: number;
  cores: number;
  rssMiB: number;
  outside: number | null;
};

/** Buckets consecutive rows, keeping each bucket's highest cores and RSS so peaks survive. */
function downsampleTimeline(rows: readonly TimelineRow[]): TimelineRow[] {
  if (rows.length <= MAX_TIMELINE_POINTS) return [...rows];
  const size = Math.ceil(rows.length / MAX_TIMELINE_POINTS);
  const out: TimelineRow[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const bucket = rows.slice(i, i + size);
    out.push({
      ...bucket[0]!,
      cores: Math.max(...bucket.map((r) => r.cores)),
      rssMiB: Math.max(...bucket.map((r) => r.rssMiB)),
      outside: bucket[0]!.outside === null ? null : Math.max(...bucket.map((r) => r.outside ?? 0)),
    });
  }
  return out;
}

/** Timeline samples of one run per configuration, flattened for faceting. */
function listTimelineRows(report: Report): TimelineRow[] {
  const runsById = new Map(report.runs.map((r) => [r.id, r]));
  return Object.entries(report.timelines).flatMap(([runId, timeline]) => {
    const run = runsById.get(runId);
    // Labelled by run id: the panel shows that one run, not the whole configuration.
    const rows = timeline.samples.map((s) => ({
      config: panelLabel(runId, run),
      mode: run?.mode ?? 'unknown',
      seconds: s.tMs / 1000,
      cores: s.treeCores,
      rssMiB: s.treeRssBytes / MIB,
      outside: s.outsideCores ?? null,
    }));
    return downsampleTimeline(rows);
  });
}

/** A timeline panel's heading: the run id, marked when the run was measured on a noisy machine. */
function panelLabel(runId: string, run: { readonly noisy?: boolean } | undefined): string {
  return run?.noisy ? `${runId} (noisy)` : runId;
}

/** Small multiples of one timeline field, one panel per configuration. */
function buildTimelineSpec(report: Report, field: 'cores' | 'rssMiB', title: string): TopLevelSpec {
  // Panels in matrix order (mode, then threads), not alphabetical.
  const modes = listReportModes(report);
  const order = report.runs
    .filter((r) => r.id in report.timelines)
    .sort((a, b) => modes.indexOf(a.mode) - modes.indexOf(b.mode) || a.threads - b.threads)
    .map((r) => panelLabel(r.id, r));
  const area = {
    mark: { type: 'area', line: true, opacity: 0.35 },
    encoding: {
      x: { field: 'seconds', type: 'quantitative', title: 'seconds' },
      y: { field, type: 'quantitative', title },
      color: { ...modeColor(report), legend: null },
    },
  };
  // Cores busy outside the run (other processes, steal excluded) as a red line over the run's own.
  const outside = {
    transform: [{ filter: 'datum.outside !== null' }],
    mark: { type: 'line', color: '#d62728', strokeWidth: 1, strokeDash: [3, 2] },
    encoding: { x: { field: 'seconds', type: 'quantitative' }, y: { field: 'outside', type: 'quantitative' } },
  };
  const withOutside = field === 'cores' && listTimelineRows(report).some((row) => row.outside !== null);
  return {
    config: CONFIG,
    data: { values: listTimelineRows(report) },
    facet: { field: 'config', type: 'nominal', title: null, sort: order },
    columns: 3,
    spec: (withOutside
      ? { width: 200, height: 90, layer: [area, outside] }
      : { width: 200, height: 90, ...area }) as never,
    resolve: { scale: { x: 'independent' } },
  };
}

/** Every chart the page shows; timelines only when the report has some. */
export function buildChartSpecs(report: Report): ChartSpec[] {
  const charts: ChartSpec[] = [];
  if (report.performance.configurations.some((c) => c.n > 0)) {
    charts.push({ id: 'runtime', title: 'Median runtime (95% CI)', spec: buildRuntimeSpec(report) });
  }
  if (report.performance.configurations.some((c) => c.speedup !== null && Number.isFinite(c.speedup.value))) {
    charts.push({ id: 'speedup', title: 'Speedup against ideal and the fitted model', spec: buildSpeedupSpec(report) });
  }
  if (Object.keys(report.timelines).length > 0) {
    charts.push({
      id: 'cpu-timeline',
      title: 'CPU: cores busy (one run per configuration; red dashes: other work outside the run)',
      spec: buildTimelineSpec(report, 'cores', 'cores'),
    });
    charts.push({
      id: 'memory-timeline',
      title: 'Memory: resident set of the process tree',
      spec: buildTimelineSpec(report, 'rssMiB', 'RSS (MiB)'),
    });
  }
  const predicted = buildPredictionChart(report);
  if (predicted) charts.push(predicted);
  const whatIf = buildWhatIfChart(report);
  if (whatIf) charts.push(whatIf);
  charts.push(...buildScheduleCharts(report));
  const stages = buildStageChart(report);
  if (stages) charts.push(stages);
  return charts;
}

// Vega-Lite specs of history.html (pure): per configuration, its wall-time samples over commit time
// (noisy ones as red crosses, as in report.html), the level of each segment between change points,
// each change point as a rule labelled with the commit it began at, and the commits where a table's
// digest changed on the same time axis.
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../report/chart-spec.js';
import type { HistoryCheck, OutputChange, SeriesCheck } from './check-history.js';
import { shortCommit } from './history-gate.js';
import type { HistorySampleRow, LoadedHistory } from './read-history.js';

const WIDTH = 640;
const HEIGHT = 200;
const CONFIG = { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: '#ddd' } } as const;

/** The series a chart is drawn for, with the samples and output changes it shows. */
export interface HistoryChartInput {
  readonly series: SeriesCheck;
  readonly samples: readonly HistorySampleRow[];
  readonly outputChanges: readonly OutputChange[];
}

/** One wall-time chart per configuration (hardware × matrix × configuration), in the check's order. */
export function listChartInputs(history: LoadedHistory, check: HistoryCheck): HistoryChartInput[] {
  const samplesBySeries = new Map<string, HistorySampleRow[]>();
  for (const sample of history.samples) {
    const key = `${sample.hardwareId}\u0000${sample.matrixName}\u0000${sample.configuration}`;
    const list = samplesBySeries.get(key);
    if (list) list.push(sample);
    else samplesBySeries.set(key, [sample]);
  }
  return check.series
    .filter((s) => s.metric === 'wallMs')
    .map((series) => ({
      series,
      samples: samplesBySeries.get(`${series.hardwareId}\u0000${series.matrixName}\u0000${series.configuration}`) ?? [],
      outputChanges: check.outputChanges.filter((o) => o.matrixName === series.matrixName),
    }));
}

/** The trend chart of one configuration. */
export function buildTrendSpec(input: HistoryChartInput): TopLevelSpec {
  const samples = input.samples.map((s) => ({
    time: s.time,
    seconds: s.wallMs / 1000,
    commit: shortCommit(s.commit),
    sample: s.noisy ? 'noisy' : 'quiet',
  }));
  const levels = input.series.levels.map((l) => ({
    from: l.firstTime,
    to: l.lastTime,
    seconds: l.mean / 1000,
    commits: `${shortCommit(l.firstCommit)}..${shortCommit(l.lastCommit)}`,
  }));
  const changes = input.series.changes.map((c) => ({
    time: c.firstAfterTime,
    label: `${shortCommit(c.firstAfter)} ${c.relativeChange >= 0 ? '+' : ''}${(c.relativeChange * 100).toFixed(1)}%`,
  }));
  const outputs = input.outputChanges.map((o) => ({
    time: o.time,
    label: `${o.table} changed at ${shortCommit(o.firstAfter)}`,
  }));
  const x = { field: 'time', type: 'temporal', title: 'commit time' } as const;
  const y = { field: 'seconds', type: 'quantitative', title: 'wall time (s)', scale: { zero: false } } as const;
  return {
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      {
        data: { values: samples.filter((s) => s.sample === 'quiet') },
        mark: { type: 'point', size: 14, opacity: 0.5, color: '#4c78a8' },
        encoding: { x, y, tooltip: [{ field: 'commit' }, { field: 'seconds' }] },
      },
      {
        data: { values: samples.filter((s) => s.sample === 'noisy') },
        mark: { type: 'point', shape: 'cross', size: 60, color: '#d62728', opacity: 0.9 },
        encoding: { x, y },
      },
      {
        data: { values: levels },
        mark: { type: 'rule', color: '#f58518', strokeWidth: 2.5 },
        encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' }, y },
      },
      { data: { values: changes }, mark: { type: 'rule', color: '#e45756', strokeWidth: 1.5 }, encoding: { x } },
      {
        data: { values: changes },
        mark: { type: 'text', align: 'left', dx: 3, dy: -4, color: '#e45756', baseline: 'top', y: 0 },
        encoding: { x, text: { field: 'label' } },
      },
      {
        data: { values: outputs },
        mark: { type: 'rule', color: '#54a24b', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x },
      },
      {
        data: { values: outputs },
        mark: { type: 'text', align: 'left', dx: 3, color: '#54a24b', baseline: 'bottom', y: HEIGHT },
        encoding: { x, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}

/** The chart specs for the page, numbered in order (`history-0`, `history-1`, ...). */
export function buildHistoryCharts(inputs: readonly HistoryChartInput[]): ChartSpec[] {
  return inputs.map((input, index) => ({
    id: `history-${index}` as const,
    title: `${input.series.configuration} · ${input.series.matrixName} · ${input.series.hardwareId}`,
    spec: buildTrendSpec(input),
  }));
}

// Vega-Lite specs of the schedule charts (pure): a Gantt chart of the reference run and of the
// recommended configuration side by side (one lane per slot, models coloured by class, the
// critical path outlined), each model's duration across thread counts against its 1-thread
// duration, and the scheduled time against Brent's bound per thread count.
import { listReportModes } from './report-rows.js';
import type { TopLevelSpec } from 'vega-lite';
import { configKey } from '../matrix/types.js';
import { analyzeSchedule } from '../schedules/analyze-schedule.js';
import { expandSchedule } from '../schedules/compact-schedule.js';
import type { ScheduleSummary } from '../schedules/summarize-schedules.js';
import type { ChartSpec } from './chart-spec.js';
import type { Report } from './types.js';

const CONFIG = { font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', view: { stroke: '#ddd' } } as const;
/** Models shown in the durations chart: the longest at 1 thread, enough to see who slows down. */
const MAX_DURATION_MODELS = 24;
const LANE_PX = 22;

/**
 * The runs the Gantt chart shows: the reference run, the recommended configuration's first timed
 * run, and the fastest multi-thread run when the recommendation runs one thread (or is the reference).
 */
function pickGanttRuns(report: Report): { label: string; run: Report['runs'][number] }[] {
  const withSchedule = report.runs.filter((r) => r.status === 'ok' && !r.warmup && r.schedule);
  const refId = report.determinism.reference?.run ?? report.schedules?.reference ?? null;
  const reference = withSchedule.find((r) => r.id === refId) ?? withSchedule.find((r) => r.threads === 1);
  const rec = report.recommendation;
  const recommended = rec ? withSchedule.find((r) => r.threads === rec.thread_count && r.mode === rec.mode) : undefined;
  const sameAsReference =
    recommended !== undefined && reference !== undefined && configKey(recommended) === configKey(reference);
  const fastest = withSchedule.filter((r) => r.threads > 1).sort((a, b) => a.wallMs - b.wallMs)[0];
  const picked = [
    ...(reference ? [{ label: `reference ${reference.id}`, run: reference }] : []),
    ...(recommended && !sameAsReference ? [{ label: `recommended ${recommended.id}`, run: recommended }] : []),
    ...(fastest && (recommended === undefined || recommended.threads === 1)
      ? [{ label: `fastest multi-thread run ${fastest.id}`, run: fastest }]
      : []),
  ];
  return picked.length > 0 ? picked : withSchedule.slice(0, 1).map((run) => ({ label: run.id, run }));
}

function buildGanttPanel(label: string, run: Report['runs'][number], classes: readonly string[], widthPx: number) {
  const schedule = expandSchedule(run.schedule!);
  const critical = new Set(analyzeSchedule(schedule, run.threads).criticalPath);
  const values = schedule.tasks.map((t, i) => ({
    slot: t.slot,
    startS: t.startMs / 1000,
    endS: t.finishMs / 1000,
    model: t.year === null ? t.model : `${t.model} ${t.year}`,
    modelClass: t.modelClass ?? 'unknown',
    critical: critical.has(i),
  }));
  const lanes = new Set(values.map((v) => v.slot)).size;
  return {
    title: { text: label, fontSize: 12 },
    width: widthPx,
    height: Math.max(2, lanes) * LANE_PX,
    data: { values },
    mark: { type: 'bar' as const, cornerRadius: 1 },
    encoding: {
      x: { field: 'startS', type: 'quantitative' as const, title: 'seconds' },
      x2: { field: 'endS' },
      y: { field: 'slot', type: 'ordinal' as const, title: 'slot' },
      color: { field: 'modelClass', type: 'nominal' as const, title: 'class', scale: { domain: [...classes] } },
      stroke: { condition: { test: 'datum.critical', value: '#111' }, value: null },
      strokeWidth: { condition: { test: 'datum.critical', value: 1.5 }, value: 0 },
    },
  };
}

function buildGanttSpec(report: Report): TopLevelSpec | null {
  const picked = pickGanttRuns(report);
  if (picked.length === 0) return null;
  const classes = [...new Set(picked.flatMap(({ run }) => run.schedule!.classes))].sort();
  return {
    config: CONFIG,
    hconcat: picked.map(({ label, run }) => buildGanttPanel(label, run, classes, picked.length > 2 ? 320 : 500)),
    resolve: { scale: { color: 'shared', x: 'shared' } },
  } as TopLevelSpec;
}

function buildDurationsSpec(report: Report, summary: ScheduleSummary): TopLevelSpec | null {
  const single = new Map(
    summary.modelDurations.filter((d) => d.threads === 1).map((d) => [`${d.mode}|${d.model}`, d.medianMs]),
  );
  const longest = [
    ...new Set(
      summary.modelDurations
        .filter((d) => d.threads === 1)
        .sort((a, b) => b.medianMs - a.medianMs)
        .map((d) => d.model),
    ),
  ].slice(0, MAX_DURATION_MODELS);
  const values = summary.modelDurations
    .filter(
      (d) => longest.includes(d.model) && single.has(`${d.mode}|${d.model}`) && single.get(`${d.mode}|${d.model}`)! > 0,
    )
    .map((d) => ({
      model: d.model,
      threads: d.threads,
      mode: d.mode,
      seconds: d.medianMs / 1000,
      ratio: d.medianMs / single.get(`${d.mode}|${d.model}`)!,
    }));
  if (values.length === 0 || new Set(values.map((v) => v.threads)).size < 2) return null;
  const modes = listReportModes(report).filter((m) => values.some((v) => v.mode === m));
  const encoding = {
    x: { field: 'threads', type: 'ordinal' as const, title: 'threads' },
    y: { field: 'model', type: 'nominal' as const, title: null, sort: longest, axis: { labelLimit: 320 } },
  };
  return {
    config: CONFIG,
    data: { values },
    facet: { column: { field: 'mode', type: 'nominal', title: null, sort: modes } },
    spec: {
      width: 46 * new Set(values.map((v) => v.threads)).size,
      height: 16 * longest.length,
      layer: [
        {
          mark: 'rect',
          encoding: {
            ...encoding,
            color: {
              field: 'ratio',
              type: 'quantitative',
              title: '× its 1-thread time',
              scale: { type: 'log', scheme: 'blueorange', domainMid: 1 },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 9 },
          encoding: { ...encoding, text: { field: 'ratio', type: 'quantitative', format: '.2f' } },
        },
      ],
    },
  } as TopLevelSpec;
}

const SCHEDULED = 'scheduled (median)';
const BOUND = 'bound max(S, W/T)';
const IDEAL = 'bound with 1-thread durations';

function buildBoundSpec(report: Report, summary: ScheduleSummary): TopLevelSpec | null {
  const values = summary.configurations.flatMap((c) => [
    { threads: c.threads, mode: c.mode, what: SCHEDULED, seconds: c.makespanMs / 1000 },
    { threads: c.threads, mode: c.mode, what: BOUND, seconds: c.boundMs / 1000 },
    ...(c.idealBoundMs === null
      ? []
      : [{ threads: c.threads, mode: c.mode, what: IDEAL, seconds: c.idealBoundMs / 1000 }]),
  ]);
  if (values.length === 0) return null;
  const threads = [...new Set(summary.configurations.map((c) => c.threads))].sort((a, b) => a - b);
  const modes = listReportModes(report).filter((m) => summary.configurations.some((c) => c.mode === m));
  return {
    width: 360,
    height: 220,
    config: CONFIG,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 40 } },
    encoding: {
      x: {
        field: 'threads',
        type: 'quantitative',
        title: 'threads',
        scale: { type: 'log', base: 2, nice: false },
        axis: { values: threads, format: 'd' },
      },
      y: { field: 'seconds', type: 'quantitative', title: 'seconds', scale: { zero: true } },
      color: { field: 'mode', type: 'nominal', title: 'mode', scale: { domain: modes } },
      strokeDash: {
        field: 'what',
        type: 'nominal',
        title: null,
        scale: {
          domain: [SCHEDULED, BOUND, IDEAL],
          range: [
            [1, 0],
            [5, 4],
            [1, 3],
          ],
        },
        legend: null,
      },
      detail: { field: 'what' },
    },
  };
}

/** The schedule charts the report has data for. */
export function buildScheduleCharts(report: Report): ChartSpec[] {
  const summary = report.schedules;
  if (!summary) return [];
  const charts: ChartSpec[] = [];
  const gantt = buildGanttSpec(report);
  if (gantt)
    charts.push({
      id: 'schedule-gantt',
      title: 'Schedule: one lane per slot, models coloured by class, the critical path outlined',
      spec: gantt,
    });
  const bound = buildBoundSpec(report, summary);
  if (bound)
    charts.push({
      id: 'schedule-bound',
      title:
        "Scheduled time (solid) against Brent's bound max(S, W/T) (dashed: the durations measured; dotted: the 1-thread durations)",
      spec: bound,
    });
  const durations = buildDurationsSpec(report, summary);
  if (durations)
    charts.push({
      id: 'model-durations',
      title: 'Model durations against their 1-thread time (who slows down side by side)',
      spec: durations,
    });
  return charts;
}

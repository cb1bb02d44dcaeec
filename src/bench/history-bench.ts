// `npm run bench:history`: threadgate's change-point detector against Apache Otava's and asv's on the
// same synthetic nightly series with known truth (steps of 2–20% in 1–10% noise, 2% outlier nights,
// slow drifts, noise-only series), scored for recall, precision, the commit named exactly and within
// one, and false alarms per 1,000 noise-only points; then the scale figure (five years × 48
// configurations × 3 samples). Figures, not assertions: the machine may be shared.
import os from 'node:os';
import { detectChangePoints } from '../history/change-points.js';
import {
  NOISE_CVS,
  STEP_SIZES,
  buildSeries,
  scoreDetections,
  type DetectorScores,
  type SyntheticSeries,
} from './history-series.js';
import { preparePython, runPythonDetectors } from './history-python.js';
import { measureScale } from './history-scale.js';

const REPLICATES = Number(process.env['BENCH_REPLICATES'] ?? 25);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

type Detections = readonly (readonly number[])[];
interface Column {
  readonly name: string;
  readonly detections: Detections;
  readonly seconds: number;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const SCORES: readonly [keyof DetectorScores, string, (x: number) => string, 'higher' | 'lower'][] = [
  ['recall', 'recall (step found within ±5 commits)', percent, 'higher'],
  ['precision', 'precision (detections that are a planted change)', percent, 'higher'],
  ['exact', 'exact commit named', percent, 'higher'],
  ['withinOne', 'commit within one', percent, 'higher'],
  ['falseAlarmsPer1000', 'false alarms per 1,000 noise-only points', (x) => x.toFixed(2), 'lower'],
  ['driftsFlagged', 'slow drifts flagged', percent, 'higher'],
];

/** A Markdown table: one row per score, one column per detector. */
function formatTable(
  title: string,
  columns: readonly Column[],
  series: readonly SyntheticSeries[],
  pick: (s: SyntheticSeries) => boolean,
): string {
  const chosen = series.map((s, i) => [s, i] as const).filter(([s]) => pick(s));
  const scores = columns.map((c) =>
    scoreDetections(
      chosen.map(([s]) => s),
      chosen.map(([, i]) => c.detections[i]!),
    ),
  );
  const lines = [
    `${title} (${chosen.filter(([s]) => s.kind === 'step').length} steps, ${chosen.filter(([s]) => s.kind === 'noise').length} noise-only series, ${chosen.filter(([s]) => s.kind === 'drift').length} drifts)`,
    '',
    `| score | ${columns.map((c) => c.name).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
  ];
  for (const [key, label, format] of SCORES) {
    if (key === 'driftsFlagged' && !chosen.some(([s]) => s.kind === 'drift')) continue;
    if (key === 'falseAlarmsPer1000' && !chosen.some(([s]) => s.kind === 'noise')) continue;
    lines.push(`| ${label} | ${scores.map((s) => format(s[key])).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Whether threadgate's column is at least as good as the better of the others on every score. */
function compareWithBest(columns: readonly Column[], series: readonly SyntheticSeries[]): string[] {
  if (columns.length < 2) return [];
  const scores = columns.map((c) => scoreDetections(series, c.detections));
  const ours = scores[0]!;
  return SCORES.map(([key, label, format, better]) => {
    const others = scores.slice(1).map((s) => s[key]);
    const best = better === 'higher' ? Math.max(...others) : Math.min(...others);
    const ok = better === 'higher' ? ours[key] >= best : ours[key] <= best;
    return `${ok ? 'ok  ' : 'MISS'} ${label}: threadgate ${format(ours[key])}, best other ${format(best)}`;
  });
}

async function main(): Promise<void> {
  log(
    `bench:history on ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const series = buildSeries(REPLICATES);
  const points = series.reduce((n, s) => n + s.values.length, 0);
  log(
    `${series.length} synthetic series of ${series[0]!.values.length} commits (${points} points): ${REPLICATES} per step size × noise, drifts, ${REPLICATES * 4} noise-only per noise level`,
  );

  const started = performance.now();
  const ours = series.map((s) => detectChangePoints(s.values).map((c) => c.index));
  const columns: Column[] = [{ name: 'threadgate', detections: ours, seconds: (performance.now() - started) / 1000 }];
  log(`threadgate: ${columns[0]!.seconds.toFixed(2)} s`);

  const python = await preparePython(log);
  let versions = '';
  if ('skipped' in python) {
    log(python.skipped);
  } else {
    log('running Apache Otava and asv on the same series in one Python child process ...');
    const other = await runPythonDetectors(
      python.python,
      series.map((s) => s.values),
    );
    columns.push({
      name: `Otava ${other.versions['apache-otava']}`,
      detections: other.otava,
      seconds: other.seconds.otava,
    });
    columns.push({ name: `asv ${other.versions['asv']}`, detections: other.asv, seconds: other.seconds.asv });
    versions = ` (Otava: compute_change_points, window 50, p <= 0.001; asv: detect_steps, its own penalty)`;
  }

  const out: string[] = [];
  out.push(
    `## bench:history — change points on synthetic nightly histories${versions}`,
    '',
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
    '',
  );
  out.push(
    formatTable('All series', columns, series, () => true),
    '',
  );
  out.push(
    formatTable(
      'A 5% step in 2% noise, and noise-only series at 2%',
      columns,
      series,
      (s) => s.cv === 0.02 && (s.kind === 'noise' || (s.kind === 'step' && s.size === 0.05)),
    ),
    '',
  );
  const recallRows = STEP_SIZES.map(
    (size) =>
      `| ${percent(size)} | ${NOISE_CVS.map((cv) =>
        columns
          .map((c) => {
            const chosen = series
              .map((s, i) => [s, i] as const)
              .filter(([s]) => s.kind === 'step' && s.size === size && s.cv === cv);
            return percent(
              scoreDetections(
                chosen.map(([s]) => s),
                chosen.map(([, i]) => c.detections[i]!),
              ).recall,
            );
          })
          .join(' / '),
      ).join(' | ')} |`,
  );
  out.push(
    `Recall by step size (rows) and sample noise CV (columns), ${columns.map((c) => c.name).join(' / ')}:`,
    '',
    `| step | ${NOISE_CVS.map((cv) => `CV ${percent(cv)}`).join(' | ')} |`,
    `|---|${NOISE_CVS.map(() => '---').join('|')}|`,
    ...recallRows,
    '',
  );
  out.push(`Time over all series: ${columns.map((c) => `${c.name} ${c.seconds.toFixed(2)} s`).join(', ')}`, '');
  const verdict = compareWithBest(columns, series);
  if (verdict.length > 0)
    out.push(
      'At least as good as the better of the others, over all series:',
      '',
      ...verdict.map((line) => `    ${line}`),
      '',
    );

  log('scale: five years of nightlies × 48 configurations × 3 samples ...');
  const scale = await measureScale();
  out.push(
    `Scale: ${scale.runs} nightly runs × 48 configurations × 3 samples (${scale.samples.toLocaleString('en-US')} samples): written in ${(scale.writeMs / 1000).toFixed(2)} s, file ${(scale.fileBytes / 2 ** 20).toFixed(1)} MiB; read ${(scale.readMs / 1000).toFixed(2)} s + checked (${scale.series} series) ${(scale.checkMs / 1000).toFixed(2)} s = ${((scale.readMs + scale.checkMs) / 1000).toFixed(2)} s; planted 8% step named at its commit in ${scale.plantedFound}/${scale.planted} series; ${scale.changesFound} change points in all (load ${os.loadavg()[0]!.toFixed(2)})`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:history failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

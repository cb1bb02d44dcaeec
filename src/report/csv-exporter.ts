// results.csv: one row per run, for spreadsheets and ad-hoc analysis of the raw measurements.
import { escapeCsvCell } from './escape.js';
import { listTableNames } from './report-rows.js';
import type { Exporter, Report } from './types.js';

const FIXED_COLUMNS = [
  'id',
  'threads',
  'mode',
  'rep',
  'warmup',
  'status',
  'exitCode',
  'wallMs',
  'cpuMs',
  'peakRssBytes',
  'meanCores',
] as const;

const CONDITION_COLUMNS = ['outsideCores', 'stealCores', 'noisy', 'stressBytes'] as const;

/** RFC 4180 (CRLF line ends), one column per table digest (`digest:<table>`), then the error text. */
export const csvExporter: Exporter = {
  format: 'csv',
  fileName: 'results.csv',
  serialize(report: Report): string {
    const tables = listTableNames(report);
    // The conditions' columns come last, so the columns before them keep their places.
    const header = [...FIXED_COLUMNS, ...tables.map((t) => `digest:${t}`), 'error', ...CONDITION_COLUMNS];
    const rows = report.runs.map((run) => [
      run.id,
      run.threads,
      run.mode,
      run.rep,
      run.warmup,
      run.status,
      run.exitCode,
      run.wallMs,
      run.cpuMs,
      run.peakRssBytes,
      Number(run.meanCores.toFixed(3)),
      ...tables.map((t) => run.digests?.[t]?.digest ?? null),
      run.error ?? run.digestError,
      run.outsideCores ?? null,
      run.stealCores ?? null,
      run.noisy ?? null,
      run.stressBytes ?? null,
    ]);
    return `${[header, ...rows].map((cells) => cells.map(escapeCsvCell).join(',')).join('\r\n')}\r\n`;
  },
};

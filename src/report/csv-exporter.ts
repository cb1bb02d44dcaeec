// results.csv: one row per run, for spreadsheets and ad-hoc analysis of the raw measurements.
import { escapeCsvCell } from './escape.js';
import { listTableNames } from './report-rows.js';
import type { Exporter, Report } from './types.js';

const FIXED_COLUMNS = ['id', 'threads', 'mode', 'rep', 'warmup', 'status', 'exitCode', 'wallMs', 'cpuMs', 'peakRssBytes', 'meanCores'] as const;

/** RFC 4180 (CRLF line ends), one column per table digest (`digest:<table>`), then the error text. */
export const csvExporter: Exporter = {
  format: 'csv',
  fileName: 'results.csv',
  serialize(report: Report): string {
    const tables = listTableNames(report);
    const header = [...FIXED_COLUMNS, ...tables.map((t) => `digest:${t}`), 'error'];
    const rows = report.runs.map((run) => [
      run.id, run.threads, run.mode, run.rep, run.warmup, run.status, run.exitCode,
      run.wallMs, run.cpuMs, run.peakRssBytes, Number(run.meanCores.toFixed(3)),
      ...tables.map((t) => run.digests?.[t]?.digest ?? null),
      run.error ?? run.digestError,
    ]);
    return [header, ...rows].map((cells) => cells.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
  },
};

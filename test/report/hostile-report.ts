// Reports carrying hostile text from outside (a table name, a stderr tail), for escaping tests.
import type { Report } from '../../src/report/types.js';

export const HOSTILE_SCRIPT = '<script>alert(1)</script>';
export const HOSTILE_IMG = '<img src=x onerror=window.__pwned=1>';
export const HOSTILE_STDERR = 'boom </textarea><script>alert(2)</script> & "quotes"';

/** The sample report with its divergent table renamed to `name` everywhere it appears. */
export function withHostileTableName(report: Report, name: string): Report {
  const rename = <T>(record: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k === 'fct_yearly_events' ? name : k, v]));
  return {
    ...report,
    matrix: { ...report.matrix, tables: rename(report.matrix.tables) },
    runs: report.runs.map((r) => ({
      ...r,
      digests: r.digests
        ? rename(
            Object.fromEntries(
              Object.entries(r.digests).map(([k, d]) => [k, { ...d, table: k === 'fct_yearly_events' ? name : k }]),
            ),
          )
        : null,
    })),
    determinism: {
      ...report.determinism,
      divergences: report.determinism.divergences.map((d) => ({
        ...d,
        table: d.table === 'fct_yearly_events' ? name : d.table,
      })),
    },
  };
}

/** The sample report with one failed run whose stderr tail tries to break out of markup. */
export function withHostileFailedRun(report: Report, stderrTail = HOSTILE_STDERR): Report {
  const [first, ...rest] = report.runs;
  return {
    ...report,
    runs: [
      { ...first!, status: 'failed', exitCode: 1, digests: null, error: 'exit code 1, see stderr', stderrTail },
      ...rest,
    ],
  };
}

// The report of a run directory, as the history takes it: its report.json when the run wrote one,
// else rebuilt from plan.json and the journal (a run interrupted before its reports were written).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { analyzeRun } from './finish-report.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../report/types.js';
import { loadRun } from './load-run.js';

/** The report of `runDir` (InputError naming the folder when it is no run directory). */
export async function readRunReport(runDir: string): Promise<Report> {
  const file = path.join(runDir, 'report.json');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new InputError(`${file}: cannot read (${error.message})`);
  });
  if (text === null) return analyzeRun(await loadRun(runDir), null, new Date());
  let report: Report;
  try {
    report = JSON.parse(text) as Report;
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (
    report?.schemaVersion !== REPORT_SCHEMA_VERSION ||
    !Array.isArray(report.runs) ||
    typeof report.matrix?.name !== 'string'
  ) {
    throw new InputError(
      `${file}: not a threadgate report (schemaVersion ${JSON.stringify(report?.schemaVersion ?? null)}, expected ${REPORT_SCHEMA_VERSION})`,
    );
  }
  return report;
}

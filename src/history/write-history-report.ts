// `history report`: renders the trend charts (through report.html's Vega-Lite renderer) and writes
// history.html and history-summary.md into a folder; the summary is appended to the GitHub job
// summary when one is named. The one place this concern writes files.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { renderChartSvgs } from '../report/render-charts.js';
import { writeFileAtomically } from '../core/atomic-write.js';
import type { HistoryCheck } from './check-history.js';
import { buildHistoryCharts, listChartInputs } from './history-charts.js';
import { renderHistoryPage } from './history-page.js';
import { buildHistorySummary } from './history-summary.js';
import type { LoadedHistory } from './read-history.js';
import { InputError } from '../core/errors.js';

/** Writes the page and the summary into `outDir`; returns the files written. */
export async function writeHistoryReport(
  history: LoadedHistory,
  check: HistoryCheck,
  outDir: string,
  now: Date,
  stepSummary: string | null,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true }).catch((error: Error) => {
    throw new InputError(`--out ${outDir}: cannot create the folder (${error.message})`);
  });
  const charts = await renderChartSvgs(buildHistoryCharts(listChartInputs(history, check)));
  const page = path.join(outDir, 'history.html');
  const summaryFile = path.join(outDir, 'history-summary.md');
  const summary = buildHistorySummary(history, check);
  await writeFileAtomically(page, renderHistoryPage(history, check, charts, now));
  await writeFileAtomically(summaryFile, summary);
  const written = [page, summaryFile];
  if (stepSummary !== null && stepSummary !== '') {
    await appendFile(stepSummary, `\n${summary}`);
    written.push(`${stepSummary} ($GITHUB_STEP_SUMMARY, appended)`);
  }
  return written;
}

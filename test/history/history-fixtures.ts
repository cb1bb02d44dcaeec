// History runs built by hand for the store, gate and page tests: a sample report's runs, re-timed
// and re-dated per commit, so a series with a known step can be stored and read back.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildHistoryRun } from '../../src/history/run-entry.js';
import type { HistoryRun } from '../../src/history/types.js';
import type { Report } from '../../src/report/types.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

/** A 40-hex commit name for night `n`. */
export function shaOf(n: number): string {
  return n.toString(16).padStart(8, '0').repeat(5);
}

/** The sample report as measured on night `n` (day n of October 2026), every wall time × `factor` (with a little spread). */
export function reportForNight(n: number, factor: number, base: Report = buildSampleReport()): Report {
  const startedAt = new Date(Date.UTC(2026, 9, 1, 2) + n * 86_400_000).toISOString();
  return {
    ...base,
    startedAt,
    runs: base.runs.map((run, i) => ({
      ...run,
      startedAt,
      wallMs: run.wallMs * factor * (1 + 0.01 * (((n * 7 + i * 3) % 5) - 2)),
    })),
  };
}

/** `nights` history runs; wall times × `slowdown` from night `stepAt` on. */
export function buildNights(nights: number, stepAt: number, slowdown: number): HistoryRun[] {
  return Array.from({ length: nights }, (_, n) => {
    const report = reportForNight(n, n >= stepAt ? slowdown : 1);
    return buildHistoryRun(report, { sha: shaOf(n), time: report.startedAt, branch: 'main' });
  });
}

/** Writes `report` as a run directory's report.json (what `history add` reads first). */
export async function writeReportDir(dir: string, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'report.json'), JSON.stringify(report));
  return dir;
}

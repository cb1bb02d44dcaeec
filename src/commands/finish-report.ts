// The last step of `run`, `report` and `merge`: analyse, fill divergence samples, and write every
// report file plus recommendation.json into the run directory.
import path from 'node:path';
import { diffDatabases } from '../digest/diff-databases.js';
import type { BaselineFile } from '../baselines/types.js';
import { attachDivergenceSamples } from './divergence-samples.js';
import type { LoadedRun } from './load-run.js';
import { assembleReport } from '../report/assemble-report.js';
import type { Report } from '../report/types.js';
import { writeAtomically, type ReportWriter } from '../report/write-reports.js';
import { diagnoseLineage } from '../lineage/diagnose.js';
import { runFolder } from '../runner/run-directory.js';

export const RECOMMENDATION_FILE = 'recommendation.json';

/** The full report of a run, with divergence samples from its kept databases; writes nothing. */
export async function analyzeRun(
  run: LoadedRun,
  baseline: BaselineFile | null,
  now: Date,
  options: { predict?: boolean; predictCores?: number | null } = {},
): Promise<Report> {
  const { matrix } = run.planFile.plan;
  return assembleReport({
    runDir: run.runDir,
    planFile: run.planFile,
    records: run.records,
    finishedAt: now.toISOString(),
    baseline,
    predict: options.predict ?? true,
    predictCores: options.predictCores ?? null,
    attachSamples: (verdict) => attachDivergenceSamples(run.runDir, verdict, run.records, matrix.tables, diffDatabases),
    diagnose: (verdict) =>
      diagnoseLineage({ runDir: run.runDir, runFolder, records: run.records, verdict, tables: matrix.tables }),
  });
}

/** Builds the final report of a run and writes every report file and recommendation.json. */
export async function finishReport(
  run: LoadedRun,
  writer: ReportWriter,
  baseline: BaselineFile | null,
  now: Date,
  predictCores: number | null = null,
): Promise<Report> {
  const report = await analyzeRun(run, baseline, now, { predictCores });
  await writer.write(report);
  if (report.recommendation) {
    await writeAtomically(
      path.join(run.runDir, RECOMMENDATION_FILE),
      `${JSON.stringify(report.recommendation, null, 2)}\n`,
    );
  }
  return report;
}

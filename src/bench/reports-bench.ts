// `npm run bench:reports`: what rewriting the reports costs as a matrix grows. For journals of 10,
// 100 and 1,000 runs of matrices/soak.yaml (48 configurations, interleaved) with realistic records
// (two tables with group and leave-one-out column digests, schemas, timeline summaries, a
// timeline.json per configuration), it times (1) one full rewrite at that size: assembling the
// report and writing all five formats, phase by phase; (2) the reporting cost per run the way
// `run` pays it: every afterRun call from run 1 to run N under the rewrite rule of
// src/report/rewrite-schedule.ts, total / N. Figures, not assertions: the machine may be shared.
// BENCH_SIZES (e.g. "10,100") picks the sizes.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DatabaseDigest, TableDigest } from '../digest/types.js';
import { loadMatrix } from '../matrix/load-matrix.js';
import { expandPlan } from '../matrix/plan.js';
import type { PlannedRun } from '../matrix/types.js';
import type { HardwareFingerprint, Timeline } from '../monitor/types.js';
import { PACKAGE_ROOT } from '../core/package-info.js';
import { assembleReport } from '../report/assemble-report.js';
import { EXPORTERS } from '../report/exporters.js';
import { createReportRewriter } from '../report/report-rewriter.js';
import { createReportWriter } from '../report/write-reports.js';
import { runFolder, writePlanFile, type PlanFile } from '../runner/run-directory.js';
import type { RunRecord } from '../core/run-record.js';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);

function hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** A digest shaped like the built-in orchestrator's: every run gets the same one (a deterministic matrix). */
function buildTableDigest(
  table: string,
  columnCount: number,
  groupKeys: readonly (readonly string[])[],
  groupBy: readonly string[],
): TableDigest {
  const columns = Array.from({ length: columnCount }, (_, i) => `${table}_column_${String(i).padStart(2, '0')}`);
  return {
    table,
    present: true,
    rowCount: 1237,
    digest: hex(`${table}:digest`),
    rowDigest: hex(`${table}:rows`),
    schema: columns.map((name, i) => ({
      name,
      type: i % 3 === 0 ? 'VARCHAR' : i % 3 === 1 ? 'BIGINT' : 'DOUBLE',
      nullable: true,
    })),
    columns,
    exempt: ['created_at'],
    groupBy,
    columnDigests: Object.fromEntries(columns.map((column) => [column, hex(`${table}:${column}`)])),
    groups: groupKeys.map((key) => ({
      key,
      label: groupBy.map((column, i) => `${column}=${key[i]}`).join(', '),
      rowCount: 100,
      digest: hex(`${table}:${key.join('/')}`),
    })),
  };
}

const EVENT_TYPES = ['eligibility', 'enrollment', 'enrollment_change', 'hire', 'promotion', 'raise', 'termination'];
const DIGESTS: DatabaseDigest = {
  fct_yearly_events: buildTableDigest(
    'fct_yearly_events',
    24,
    ['2025', '2026'].flatMap((year) => EVENT_TYPES.map((type) => [year, type])),
    ['simulation_year', 'event_type'],
  ),
  fct_workforce_snapshot: buildTableDigest('fct_workforce_snapshot', 18, [['2025'], ['2026']], ['simulation_year']),
};

/** Wall time falls with threads like the built-in orchestrator's (Amdahl, 60% parallel), with noise. */
function buildRecord(run: PlannedRun, index: number): RunRecord {
  const wallMs = 1400 * (0.4 + 0.6 / run.threads) * (1 + ((index * 7919) % 100) / 1000);
  return {
    id: run.id,
    threads: run.threads,
    mode: run.mode,
    rep: run.rep,
    warmup: run.warmup,
    status: 'ok',
    exitCode: 0,
    signal: null,
    startedAt: new Date(Date.UTC(2026, 0, 1) + index * 2000).toISOString(),
    wallMs,
    cpuMs: wallMs * 0.98,
    peakRssBytes: 160e6 + run.threads * 2e6,
    meanCores: 0.99,
    peakCores: 1.3,
    digests: DIGESTS,
    digestError: null,
    database: null,
    stdoutTail: 'simulated 300 employees 2025-2026 (seed 42)\nstg_census_data=300 fct_yearly_events=1237\n',
    stderrTail: '',
    stages: [
      { name: 'census', ms: 120 },
      { name: 'events', ms: 800 },
      { name: 'snapshot', ms: 300 },
    ],
    error: null,
  };
}

function buildTimeline(record: RunRecord): Timeline {
  const intervalMs = 100;
  const samples = Array.from({ length: Math.round(record.wallMs / intervalMs) }, (_, i) => ({
    tMs: i * intervalMs,
    treeCores: 0.9 + (i % 5) / 20,
    treeRssBytes: 120e6 + i * 1e6,
    treePssBytes: i % 10 === 0 ? 110e6 + i * 1e6 : null,
    processes: 1,
    systemCpuPercent: 60,
    systemMemUsedBytes: 4e9,
  }));
  return {
    intervalMs,
    samples,
    summary: {
      peakRssBytes: record.peakRssBytes,
      meanCores: record.meanCores,
      peakCores: record.peakCores,
      cpuMs: record.cpuMs,
    },
  };
}

const HARDWARE: HardwareFingerprint = {
  id: 'bench',
  cpuModel: 'bench CPU',
  physicalCores: 2,
  logicalCores: 2,
  memoryBytes: 8e9,
  os: 'linux',
  arch: 'x64',
  hostname: 'bench',
  nodeVersion: process.version,
  duckdbVersion: 'bench',
};

/** A run directory holding the soak plan, the first `size` runs as records, and their timelines. */
async function buildRunDirectory(size: number): Promise<{ runDir: string; planFile: PlanFile; records: RunRecord[] }> {
  const matrix = await loadMatrix(path.join(PACKAGE_ROOT, 'matrices', 'soak.yaml'), {});
  const plan = expandPlan(matrix);
  if (size > plan.runs.length) throw new Error(`BENCH_SIZES: at most ${plan.runs.length} runs (the soak plan)`);
  const runDir = await mkdtemp(path.join(os.tmpdir(), `threadgate-bench-reports-${size}-`));
  const planFile: PlanFile = {
    schemaVersion: 1,
    createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
    toolVersion: 'bench',
    hardware: HARDWARE,
    target: { kind: 'builtin', version: 'bench', description: 'synthetic records' },
    plan,
  };
  await writePlanFile(runDir, planFile);
  const records = plan.runs.slice(0, size).map(buildRecord);
  for (const record of records) {
    await mkdir(runFolder(runDir, record.id), { recursive: true });
    await writeFile(path.join(runFolder(runDir, record.id), 'timeline.json'), JSON.stringify(buildTimeline(record)));
  }
  return { runDir, planFile, records };
}

/** One full rewrite at this size, phase by phase (ms). */
async function timeFullRewrite(
  runDir: string,
  planFile: PlanFile,
  records: readonly RunRecord[],
): Promise<Record<string, number>> {
  const phases: Record<string, number> = {};
  let start = performance.now();
  const report = await assembleReport({
    runDir,
    planFile,
    records,
    finishedAt: new Date().toISOString(),
    baseline: null,
  });
  phases.assemble = performance.now() - start;
  for (const exporter of Object.values(EXPORTERS)) {
    start = performance.now();
    await writeFile(path.join(runDir, exporter.fileName), await exporter.serialize(report));
    phases[exporter.format] = performance.now() - start;
  }
  phases.total = Object.values(phases).reduce((sum, ms) => sum + ms, 0);
  return phases;
}

/** Every afterRun call of a run that grows from 0 to `records.length` runs, under the rewrite rule; total ms. */
async function timeRewritesUpTo(
  runDir: string,
  planFile: PlanFile,
  records: readonly RunRecord[],
): Promise<{ totalMs: number; fullRewrites: number }> {
  const writer = createReportWriter(runDir);
  await writer.prepare();
  let runsMs = 0;
  const start = performance.now();
  // The time the rule sees: 2 s per run (as in the soak) plus the real time reporting has taken.
  const now = () => new Date(Date.UTC(2026, 0, 1) + runsMs + (performance.now() - start));
  const rewriter = createReportRewriter({
    runDir,
    planFile,
    baseline: null,
    files: writer.files,
    write: (report, file) => writer.writeFile(report, file),
    now,
  });
  for (let n = 1; n <= records.length; n += 1) {
    runsMs += 2000;
    await rewriter.afterRun(records.slice(0, n));
  }
  return { totalMs: performance.now() - start, fullRewrites: rewriter.fullRewrites() };
}

function format(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function main(): Promise<void> {
  console.log(
    `bench:reports — load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(
    'size | one full rewrite ms (assemble + json md html junit csv) | per run ms, every run rewritten | per run ms, rewrite rule (full rewrites)',
  );
  for (const size of SIZES) {
    const { runDir, planFile, records } = await buildRunDirectory(size);
    try {
      const full = await timeFullRewrite(runDir, planFile, records);
      const phases = ['assemble', 'json', 'markdown', 'html', 'junit', 'csv']
        .map((name) => format(full[name] ?? 0))
        .join(' + ');
      const ruled = await timeRewritesUpTo(runDir, planFile, records);
      console.log(
        `${String(size).padStart(4)} | ${format(full.total!)} (${phases}) | ${format(full.total!)} | ${format(ruled.totalMs / size)} (${ruled.fullRewrites})`,
      );
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  }
}

await main();

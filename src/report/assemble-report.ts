// Builds the one in-memory Report from a run's plan and journal: the single place where analysis
// outputs meet, so `run` (live) and `report` (rebuilt later) produce the same files.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { summarizePerformance } from '../analysis/performance.js';
import { judgeDeterminism } from '../analysis/determinism.js';
import { recommendThreads } from '../analysis/recommendation.js';
import { decideGate } from '../analysis/gate.js';
import { summarizeStageTimings } from '../analysis/stage-timings.js';
import type { PerformanceCache } from '../analysis/performance-cache.js';
import type { DeterminismVerdict, PerformanceSummary } from '../analysis/types.js';
import type { LineageDiagnosis } from '../lineage/diagnosis-types.js';
import type { ScheduleSummary } from '../schedules/summarize-schedules.js';
import { checkAgainstBaseline } from '../baselines/check-baseline.js';
import type { BaselineFile } from '../baselines/types.js';
import { listConfigurations } from '../matrix/plan.js';
import { configKey } from '../matrix/types.js';
import type { Timeline } from '../monitor/types.js';
import { TOOL_VERSION } from '../core/package-info.js';
import type { PlanFile } from '../runner/run-directory.js';
import { runFolder } from '../runner/run-directory.js';
import type { RunRecord } from '../core/run-record.js';
import { summarizeSchedules } from '../schedules/summarize-schedules.js';
import { summarizeSearch } from '../search/search-report.js';
import { predictRuns } from '../simulate-schedule/predict-runs.js';
import { analyzeRecordsWhatIf } from '../simulate-schedule/what-if.js';
import { listCrossYearReads } from '../orchestrator/cross-year-reads.js';
import { REPORT_SCHEMA_VERSION, type Report } from './types.js';

export interface AssembleInput {
  readonly runDir: string;
  readonly planFile: PlanFile;
  readonly records: readonly RunRecord[];
  readonly finishedAt: string;
  /** Baseline to gate against (golden digests, same-hardware performance), if any. */
  readonly baseline: BaselineFile | null;
  /** Fills divergence samples from kept databases (I/O); omitted while a run is still going. */
  readonly attachSamples?: (verdict: DeterminismVerdict) => Promise<DeterminismVerdict>;
  /** The lineage walk (I/O): tolerated float differences out of the verdict, root causes named; omitted while a run is still going. */
  readonly diagnose?: (
    verdict: DeterminismVerdict,
  ) => Promise<{ verdict: DeterminismVerdict; diagnosis: LineageDiagnosis }>;
  /** Bootstrap intervals kept between rebuilds of one run's report (see src/report/rewrite-schedule.ts). */
  readonly performanceCache?: PerformanceCache;
  /** Predict every configuration from the reference run's schedule (skipped for the live rewrites: it replays the schedule hundreds of times). */
  readonly predict?: boolean;
  /** Also predict the curve on this many cores (`--predict-cores`). */
  readonly predictCores?: number | null;
}

/** Analyses the records and returns the report every exporter serializes. */
export async function assembleReport(input: AssembleInput): Promise<Report> {
  const { planFile, records } = input;
  const { matrix } = planFile.plan;
  const performance = summarizePerformance(records, { cache: input.performanceCache });
  let determinism = judgeDeterminism(records, matrix.reference);
  if (input.attachSamples) determinism = await input.attachSamples(determinism);
  let diagnosis: LineageDiagnosis | null = null;
  if (input.diagnose) ({ verdict: determinism, diagnosis } = await input.diagnose(determinism));
  const machines = planFile.mixedHardware ?? [];
  const recommended =
    machines.length > 1
      ? {
          error: `the shards ran on ${machines.length} machines (${machines.map((m) => `${m.cpuModel}, ${m.id}`).join('; ')}): timings from different machines are not pooled into a recommendation`,
        }
      : recommendThreads({
          performance,
          determinism,
          matrix,
          hardware: planFile.hardware,
          target: { kind: planFile.target.kind, version: planFile.target.version },
          now: input.finishedAt,
        });
  const baselineCheck = checkAgainstBaseline({
    baseline: input.baseline,
    matrix,
    records,
    performance,
    // Timings from several machines match no machine's baseline figures, so they are never compared.
    hardware:
      machines.length > 1
        ? { ...planFile.hardware, id: `mixed:${machines.map((m) => m.id).join('+')}` }
        : planFile.hardware,
  });
  const search = summarizeSearch(matrix, records, {
    memoryBytes: planFile.hardware.memoryBytes,
    cores: planFile.hardware.logicalCores,
  });
  const pendingRuns = search
    ? search.pendingRuns
    : planFile.plan.runs.filter((run) => !records.some((record) => record.id === run.id)).length;
  const gate = decideGate({
    determinism,
    runs: records,
    golden: baselineCheck.golden,
    performance: baselineCheck.performance,
    pendingRuns,
    runDir: input.runDir,
    singleRunMatrix: !search && listConfigurations(matrix).length === 1 && matrix.repetitions + matrix.warmup === 1,
  });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'threadgate', version: TOOL_VERSION },
    matrix,
    hardware: planFile.hardware,
    target: { kind: planFile.target.kind, version: planFile.target.version },
    startedAt: planFile.createdAt,
    finishedAt: input.finishedAt,
    pendingRuns,
    ...(search ? { search: search.search } : {}),
    runs: records,
    determinism,
    ...(diagnosis
      ? {
          rootCauses: diagnosis.rootCauses,
          lineage: {
            otherDifferences: diagnosis.otherDifferences,
            tolerated: diagnosis.tolerated,
            note: diagnosis.note,
          },
        }
      : {}),
    stageTimings: summarizeStageTimings(records),
    ...withSchedules(performance, summarizeSchedules(records, determinism.reference?.run ?? null)),
    recommendation: 'recommendation' in recommended ? recommended.recommendation : null,
    recommendationError: 'error' in recommended ? recommended.error : null,
    gate,
    baselineComparisons: baselineCheck,
    timelines: await loadTimelines(input.runDir, records),
    ...(input.predict ? predictAndWhatIf(input, planFile.hardware.logicalCores) : {}),
  };
}

/** Predicted beside measured, and the what-if of the reference run's schedule under the same calibration. */
function predictAndWhatIf(input: AssembleInput, cores: number): Pick<Report, 'prediction' | 'whatIf'> {
  const { matrix } = input.planFile.plan;
  const predictCores = input.predictCores ?? null;
  const prediction = predictRuns({
    records: input.records,
    reference: matrix.reference,
    modes: matrix.modes,
    cores,
    predictCores,
  });
  if (prediction === null) return { prediction: null, whatIf: null };
  const crossYearDependencies = matrix.target.kind === 'builtin' ? listCrossYearReads() : undefined;
  const whatIf = analyzeRecordsWhatIf(input.records, matrix.reference, cores, prediction.calibration, {
    otherCores: predictCores,
    crossYearDependencies,
  });
  return { prediction, whatIf };
}

/** The schedules section, its findings also among the performance findings. */
function withSchedules(
  performance: PerformanceSummary,
  schedules: ScheduleSummary | null,
): Pick<Report, 'performance' | 'schedules'> {
  if (schedules === null) return { performance, schedules: null };
  return { performance: { ...performance, findings: [...performance.findings, ...schedules.findings] }, schedules };
}

/** One timeline per configuration: its first timed successful run's, for the charts. */
async function loadTimelines(runDir: string, records: readonly RunRecord[]): Promise<Record<string, Timeline>> {
  const chosen = new Map<string, RunRecord>();
  for (const record of records) {
    const key = configKey(record);
    if (!record.warmup && record.status === 'ok' && !chosen.has(key)) chosen.set(key, record);
  }
  const timelines: Record<string, Timeline> = {};
  for (const record of chosen.values()) {
    try {
      const text = await readFile(path.join(runFolder(runDir, record.id), 'timeline.json'), 'utf8');
      timelines[record.id] = JSON.parse(text) as Timeline;
    } catch {
      // A run without a timeline (sampling off, or files pruned) simply has no chart.
    }
  }
  return timelines;
}

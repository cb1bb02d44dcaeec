// `threadgate run` as a function: resolve the matrix (or the run to resume), run the plan with the
// real collaborators, rewrite the reports after every run, and return the final report.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { loadBaselineFor } from '../baselines/baseline-store.js';
import { outputKeyOf } from '../baselines/output-key.js';
import { createDigestWorker } from '../digest/digest-client.js';
import { InputError } from '../core/errors.js';
import { loadMatrix, type MatrixOverrides } from '../matrix/load-matrix.js';
import { expandPlan } from '../matrix/plan.js';
import { readHardwareFingerprint } from '../monitor/hardware.js';
import { chooseSamplerKind, describeSamplerLimits, startSampler, type SamplerKind } from '../monitor/select-sampler.js';
import { PACKAGE_ROOT, TOOL_VERSION } from '../core/package-info.js';
import { finishReport } from './finish-report.js';
import { createProgressReporter } from '../report/progress.js';
import { createReportRewriter } from '../report/report-rewriter.js';
import type { Report } from '../report/types.js';
import { createReportWriter } from '../report/write-reports.js';
import { createTarget, type Target } from '../targets/create-target.js';
import { loadRunFrom } from './load-run.js';
import { loadRun, type LoadedRun } from './load-run.js';
import { repairJournal } from '../runner/journal.js';
import { guardRunDirectory, type RunGuard } from '../runner/run-guard.js';
import { guardStartWrite, guardWrite } from '../core/write-failure.js';
import { createRunDirectory, journalPath, PLAN_FILE, writePlanFile, type PlanFile } from '../runner/run-directory.js';
import { prepareMachineConditions } from '../runner/machine-conditions.js';
import { runPlan } from '../runner/run-plan.js';
import { plansRounds } from '../search/replay-search.js';
import { runSearch } from '../search/run-search.js';
import { refuseStressOffLinux } from '../stress/platform-support.js';

export interface RunMatrixOptions {
  /** Matrix file; null = matrices/quick.yaml (here, else threadgate's own). */
  readonly matrixPath: string | null;
  readonly overrides: MatrixOverrides;
  readonly outRoot: string;
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** Run directory of an interrupted run to finish instead of starting a new one. */
  readonly resume: string | null;
  /** Baseline file; undefined = the matrix's default if it exists; null = none. */
  readonly baseline: string | null | undefined;
  readonly quiet: boolean;
  /** Take the reference run's md5 digest at the end even without a baseline to check (`--stable-digests`). */
  readonly stableDigests?: boolean;
}

export interface RunMatrixIo {
  readonly progress: NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly signal: AbortSignal;
  readonly githubStepSummary: string | null;
  readonly now: () => Date;
}

export interface RunMatrixResult {
  readonly runDir: string;
  readonly report: Report;
  /** True when stopped early (Ctrl-C): finish with `--resume runDir`. */
  readonly interrupted: boolean;
  readonly baselineFile: string | null;
}

/** The default matrix: ./matrices/quick.yaml when present, else the one shipped with threadgate. */
export async function defaultMatrixPath(): Promise<string> {
  const local = path.resolve('matrices', 'quick.yaml');
  return access(local).then(
    () => local,
    () => path.join(PACKAGE_ROOT, 'matrices', 'quick.yaml'),
  );
}

/**
 * Runs a matrix end to end; errors in the input throw InputError before anything runs. The run
 * directory is held (run.lock) from before anything is written until the end.
 */
export async function runMatrix(options: RunMatrixOptions, io: RunMatrixIo): Promise<RunMatrixResult> {
  // Read first: a misspelt THREADGATE_SAMPLER is refused before a run directory exists.
  const samplerKind = chooseSamplerKind();
  const opened = options.resume !== null ? await resumeRun(options.resume, io.progress) : await startRun(options, io);
  try {
    return await runOpened(opened, options, io, samplerKind);
  } finally {
    await opened.guard.release();
  }
}

async function runOpened(
  { started, target, guard }: StartedRun,
  options: RunMatrixOptions,
  io: RunMatrixIo,
  samplerKind: SamplerKind,
): Promise<RunMatrixResult> {
  for (const note of guard.notes) io.progress.write(`${note}\n`);
  const platformNote = describeSamplerLimits(samplerKind);
  if (platformNote !== null) io.progress.write(`${platformNote}\n`);
  const { planFile, runDir } = started;
  const journaled = [...started.records, ...(started.superseded ?? [])];
  if (started.truncatedLine)
    await guardStartWrite('the journal', journalPath(runDir), () => repairJournal(journalPath(runDir), journaled));
  const { plan } = planFile;
  const { baseline, file: baselineFile } = await loadBaselineFor(plan.matrix, options.baseline);

  const writer = createReportWriter(runDir, { githubStepSummary: io.githubStepSummary });
  await writer.prepare();
  const conditions = await prepareMachineConditions(plan.matrix, io.progress);
  // Digests in a worker process of their own: DuckDB's memory stays out of the harness (README "Benchmarks").
  const digester = createDigestWorker();
  await digester.start();
  // An adaptive or predicted search (src/search) runs round by round; the exhaustive plan runs as listed.
  const records = await (plansRounds(plan.matrix) ? runSearch : runPlan)(
    plan,
    runDir,
    {
      target,
      digest: digester.digest,
      readScheduleTable: digester.readScheduleTable,
      digestRelations: digester.digestRelations,
      startSampler: (pid, intervalMs) => startSampler(pid, { intervalMs }, samplerKind),
      hooks: createProgressReporter({ stream: io.progress, isTTY: io.isTTY, quiet: options.quiet }),
      signal: io.signal,
      processes: guard,
      memory: conditions.memory,
      // The md5 digest only when something reads it: golden digests that apply to this run, or the flag.
      takeStableDigests:
        options.stableDigests === true ||
        (baseline?.golden != null && baseline.outputKey === outputKeyOf(plan.matrix.target)),
      // Reports rewritten as runs end (after every run at first, then in geometric steps; report.html
      // within a cost budget), so an interrupted matrix still leaves readable reports; finishReport
      // below always writes them all.
      afterRun: createReportRewriter({
        runDir,
        planFile,
        baseline,
        now: io.now,
        files: writer.files,
        write: (interim, file) => guardWrite('the reports in', runDir, runDir, () => writer.writeFile(interim, file)),
      }).afterRun,
    },
    journaled,
  ).finally(() => {
    digester.stop();
    return conditions.stop();
  });

  const finished: LoadedRun = { ...started, records };
  const report = await guardWrite('the reports in', runDir, runDir, () =>
    finishReport(finished, writer, baseline, io.now()),
  );
  const interrupted = report.pendingRuns > 0;
  if (!interrupted) await writer.appendStepSummary(report);
  return { runDir, report, interrupted, baselineFile };
}

/** The run and its target, checked before anything runs (a missing checkout or executable fails early), and the guard that holds its directory. */
interface StartedRun {
  readonly started: LoadedRun;
  readonly target: Target;
  readonly guard: RunGuard;
}

async function resumeRun(runDir: string, progress: RunMatrixIo['progress']): Promise<StartedRun> {
  const checked = await loadRunFrom(runDir, progress);
  refuseStressOffLinux(Boolean(checked.planFile.plan.matrix.stress), path.join(checked.runDir, PLAN_FILE));
  const target = createTarget(checked.planFile.plan.matrix.target);
  await target.check?.();
  // Locked (and whatever a killed owner left running stopped) before the journal is read for good.
  const guard = await guardRunDirectory(checked.runDir);
  try {
    return { started: await loadRun(checked.runDir), target, guard };
  } catch (error) {
    await guard.release();
    throw error;
  }
}

async function startRun(options: RunMatrixOptions, io: RunMatrixIo): Promise<StartedRun> {
  const matrixPath = options.matrixPath ?? (await defaultMatrixPath());
  const matrix = await loadMatrix(matrixPath, options.overrides);
  refuseStressOffLinux(Boolean(matrix.stress), matrixPath);
  const plan = expandPlan(matrix, { shard: options.shard ?? undefined });
  const target = createTarget(matrix.target);
  await target.check?.();
  const runDir = await createRunDirectory(options.outRoot, matrix.name, io.now());
  const planFile: PlanFile = {
    schemaVersion: 1,
    createdAt: io.now().toISOString(),
    toolVersion: TOOL_VERSION,
    hardware: await readHardwareFingerprint(),
    target: { kind: target.kind, version: await target.version(), description: target.describe() },
    plan,
  };
  const guard = await guardRunDirectory(runDir);
  try {
    await guardStartWrite('the plan', path.join(runDir, PLAN_FILE), () => writePlanFile(runDir, planFile));
  } catch (error) {
    await guard.release();
    throw error;
  }
  return { started: { runDir, planFile, records: [], truncatedLine: false }, target, guard };
}

/** Command-line overrides cannot change a plan that is half run. */
export function refuseOverridesOnResume(overrides: MatrixOverrides, shard: unknown, matrixPath: string | null): void {
  const given = Object.entries(overrides)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => `--${name}`);
  if (shard) given.push('--shard');
  if (matrixPath) given.push('MATRIX');
  if (given.length > 0) {
    throw new InputError(`--resume finishes a run with the plan it was started with; drop ${given.join(', ')}`);
  }
}

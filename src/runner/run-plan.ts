// The run coordinator: executes a plan's runs one after another in plan order, each in fresh paths,
// journals each as it ends, and keeps only the databases the keep policy needs. It takes all its
// collaborators as arguments and never prints: the CLI decides what a person sees.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseDigest } from '../digest/types.js';
import { OutputError } from '../errors.js';
import type { Plan, PlannedRun } from '../matrix/types.js';
import type { Timeline } from '../monitor/types.js';
import type { Target, RunContext } from '../targets/types.js';
import { digestRun, type DigestDatabase } from './digest-run.js';
import { appendRecord } from './journal.js';
import { pruneDatabases } from './keep-policy.js';
import { journalPath, runFolder } from './run-directory.js';
import { spawnRun, type ProcessOutcome } from './spawn-run.js';
import { parseTelemetryLine } from './telemetry.js';
import type { RunRecord } from './types.js';
import { guardWrite } from './write-failure.js';

/** Optional live hooks (a progress reporter implements them). */
export interface RunHooks {
  onPlanStart?(info: { total: number; alreadyDone: number; matrix: string }): void;
  onRunStart?(run: PlannedRun, index: number): void;
  onRunEnd?(record: RunRecord, index: number): void;
  onPlanEnd?(): void;
}

export interface RunPlanCollaborators {
  readonly target: Target;
  readonly digest: DigestDatabase;
  readonly startSampler?: (rootPid: number, intervalMs: number) => { stop(): Promise<Timeline> };
  readonly hooks?: RunHooks;
  /** Called after each run is journaled, with every record so far (reports are rewritten here). */
  readonly afterRun?: (records: readonly RunRecord[]) => Promise<void>;
  /** Aborting stops the plan (Ctrl-C): the run in progress is killed and not journaled, so `--resume` runs it again. */
  readonly signal?: AbortSignal;
  /** Told of each orchestrator as it starts and ends (the run lock and the watchdog keep track of it: run-guard.ts). */
  readonly processes?: { childStarted(pid: number): Promise<void>; childEnded(): Promise<void> };
}

/** The database file name inside each run's folder. */
export const DATABASE_FILE = 'simulation.duckdb';

/** Runs every planned run not already in `done`; returns all records (done first, then new). */
export async function runPlan(
  plan: Plan,
  runDir: string,
  collaborators: RunPlanCollaborators,
  done: readonly RunRecord[] = [],
): Promise<RunRecord[]> {
  const { matrix } = plan;
  const records = [...done];
  const finished = new Set(done.map((record) => record.id));
  const pending = plan.runs.filter((run) => !finished.has(run.id));
  const deleted = new Set<string>(); // databases the keep policy has removed
  collaborators.hooks?.onPlanStart?.({ total: plan.runs.length, alreadyDone: records.length, matrix: matrix.name });
  for (const run of pending) {
    if (collaborators.signal?.aborted) break;
    collaborators.hooks?.onRunStart?.(run, records.length);
    const record = await executeRun(run, plan, runDir, collaborators, records);
    if (collaborators.signal?.aborted) break;
    await guardWrite('the journal', journalPath(runDir), runDir, () => appendRecord(journalPath(runDir), record));
    records.push(record);
    collaborators.hooks?.onRunEnd?.(record, records.length - 1);
    await pruneDatabases(runDir, records, matrix.reference, matrix.keep, false, deleted);
    await collaborators.afterRun?.(records);
  }
  const complete = plan.runs.every((run) => records.some((record) => record.id === run.id));
  if (complete) await pruneDatabases(runDir, records, matrix.reference, matrix.keep, true, deleted);
  collaborators.hooks?.onPlanEnd?.();
  return records;
}

async function executeRun(
  run: PlannedRun,
  plan: Plan,
  runDir: string,
  collaborators: RunPlanCollaborators,
  earlier: readonly RunRecord[],
): Promise<RunRecord> {
  const { matrix } = plan;
  const folder = runFolder(runDir, run.id);
  const workdir = path.join(folder, 'work');
  // A run interrupted before it was journaled starts again from nothing.
  await guardWrite('the run folder', folder, runDir, async () => {
    await rm(folder, { recursive: true, force: true });
    await mkdir(workdir, { recursive: true });
  });
  const context: RunContext = { run, database: path.join(folder, DATABASE_FILE), workdir, seed: matrix.target.seed };

  const stages: { name: string; ms: number }[] = [];
  let outcome: ProcessOutcome;
  try {
    await collaborators.target.prepare?.(context);
    const sampler = collaborators.startSampler;
    outcome = await spawnRun(collaborators.target.launch(context), {
      timeoutMs: matrix.timeoutMs,
      startSampler: sampler ? (pid) => sampler(pid, matrix.sampleIntervalMs) : undefined,
      signal: collaborators.signal,
      onSpawn: collaborators.processes && ((pid) => collaborators.processes!.childStarted(pid)),
      onStdoutLine: (line) => {
        const stage = parseTelemetryLine(line);
        if (stage) stages.push(stage);
      },
    });
    await collaborators.processes?.childEnded();
  } catch (error) {
    if (error instanceof OutputError) throw error;
    outcome = preparationFailure(error);
  }

  let digests: DatabaseDigest | null = null;
  let digestError: string | null = null;
  if (outcome.status === 'ok') {
    try {
      digests = await digestRun(context.database, matrix.tables, earlier, collaborators.digest);
    } catch (error) {
      digestError = (error as Error).message;
    }
  }
  await guardWrite('the run files in', folder, runDir, () => writeRunFiles(folder, outcome));
  if (outcome.status === 'ok' && matrix.keep !== 'all') await rm(workdir, { recursive: true, force: true });

  const summary = outcome.timeline?.summary;
  return {
    id: run.id,
    threads: run.threads,
    mode: run.mode,
    rep: run.rep,
    warmup: run.warmup,
    // Exit 0 without a readable database is a failed run: there is nothing to judge.
    status: digestError !== null ? 'failed' : outcome.status,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    startedAt: outcome.startedAt,
    wallMs: Math.round(outcome.wallMs * 1000) / 1000,
    cpuMs: summary?.cpuMs ?? 0,
    peakRssBytes: summary?.peakRssBytes ?? 0,
    meanCores: summary?.meanCores ?? 0,
    peakCores: summary?.peakCores ?? 0,
    digests,
    digestError,
    database: path.relative(runDir, context.database),
    stdoutTail: outcome.stdoutTail,
    stderrTail: outcome.stderrTail,
    stages,
    error: outcome.error ?? (digestError !== null ? `digest failed: ${digestError}` : null),
  };
}

/** A run whose set-up failed (e.g. the working copy could not be made) is a failed run, not a crash of the harness. */
function preparationFailure(error: unknown): ProcessOutcome {
  return {
    status: 'failed',
    exitCode: null,
    signal: null,
    startedAt: new Date().toISOString(),
    wallMs: 0,
    stdoutTail: '',
    stderrTail: '',
    error: `could not prepare the run: ${(error as Error).message}`,
    timeline: null,
  };
}

async function writeRunFiles(folder: string, outcome: ProcessOutcome): Promise<void> {
  await writeFile(path.join(folder, 'stdout.tail.txt'), outcome.stdoutTail);
  await writeFile(path.join(folder, 'stderr.tail.txt'), outcome.stderrTail);
  if (outcome.timeline) await writeFile(path.join(folder, 'timeline.json'), JSON.stringify(outcome.timeline));
}

// The run coordinator: executes a plan's runs one after another in plan order, each in fresh paths,
// journals each as it ends, and keeps only the databases the keep policy needs. It takes all its
// collaborators as arguments and never prints: the CLI decides what a person sees.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseDigest } from '../digest/types.js';
import { OutputError } from '../core/errors.js';
import type { Plan, PlannedRun } from '../matrix/types.js';
import type { Timeline } from '../monitor/types.js';
import type { Target, RunContext } from '../targets/types.js';
import { digestRun, type DigestDatabase } from './digest-run.js';
import { appendRecord } from './journal.js';
import { pruneDatabases } from './keep-policy.js';
import { journalPath, runFolder } from './run-directory.js';
import { spawnRun, type ProcessOutcome } from './spawn-run.js';
import type { MemoryWatch } from '../stress/run-watch.js';
import { countReruns, describeRunConditions, supersedeIfNoisy } from './run-conditions.js';
import { createTelemetryReader } from './telemetry.js';
import { readRunSchedule, scheduleSourceFor } from '../schedules/read-run-schedule.js';
import type { ScheduleTableReader } from '../schedules/table-source.js';
import type { RunRecord } from '../core/run-record.js';
import { guardWrite } from '../core/write-failure.js';
import { finishStableDigests } from './stable-digests.js';
import { recordRunLineage, type DigestRelations } from '../lineage/run-lineage.js';
import { HARNESS_DIGEST_LIMITS } from './digest-run.js';

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
  /** Reads a schedule table of a run database (the digest worker's, so the harness opens no DuckDB instance); default in-process. */
  readonly readScheduleTable?: ScheduleTableReader;
  /** Digests every relation a run leaves, for the lineage walk (the digest worker's); absent: none recorded. */
  readonly digestRelations?: DigestRelations;
  readonly startSampler?: (rootPid: number, intervalMs: number) => { stop(): Promise<Timeline> };
  readonly hooks?: RunHooks;
  /** Called after each run is journaled, with every record so far (reports are rewritten here). */
  readonly afterRun?: (records: readonly RunRecord[]) => Promise<void>;
  /** Aborting stops the plan (Ctrl-C): the run in progress is killed and not journaled, so `--resume` runs it again. */
  readonly signal?: AbortSignal;
  /** Told of each orchestrator as it starts and ends (the run lock and the watchdog keep track of it: run-guard.ts). */
  readonly processes?: { childStarted(pid: number): Promise<void>; childEnded(): Promise<void> };
  /** Watches each run's memory conditions: the stress cgroup, OOM kills (src/stress/run-watch.ts). */
  readonly memory?: { watchRun(): MemoryWatch };
  /**
   * Take the reference run's md5 digest once the plan is complete (a baseline's golden digests will read
   * it, or `--stable-digests` asked); otherwise its database is kept for `baseline save` to take it from.
   */
  readonly takeStableDigests?: boolean;
  /** An adaptive search runs its rounds as plans of their own (src/search/run-search.ts): no final pruning after one. */
  readonly moreRunsMayFollow?: boolean;
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
  // Superseded (noisy, re-run) records stay in the journal but count neither as done nor in any statistic.
  let records = done.filter((record) => !record.superseded);
  const reruns = countReruns(done);
  const finished = new Set(records.map((record) => record.id));
  const pending = plan.runs.filter((run) => !finished.has(run.id));
  const deleted = new Set<string>(); // databases the keep policy has removed
  collaborators.hooks?.onPlanStart?.({ total: plan.runs.length, alreadyDone: records.length, matrix: matrix.name });
  for (let index = 0; index < pending.length; index++) {
    const run = pending[index]!;
    if (collaborators.signal?.aborted) break;
    collaborators.hooks?.onRunStart?.(run, records.length);
    const record = supersedeIfNoisy(await executeRun(run, plan, runDir, collaborators, records), matrix, reruns);
    if (collaborators.signal?.aborted) break;
    await guardWrite('the journal', journalPath(runDir), runDir, () => appendRecord(journalPath(runDir), record));
    if (record.superseded) {
      collaborators.hooks?.onRunEnd?.(record, records.length);
      index--; // the same run again
      continue;
    }
    records.push(record);
    collaborators.hooks?.onRunEnd?.(record, records.length - 1);
    await pruneDatabases(runDir, records, matrix.reference, matrix.keep, false, deleted);
    await collaborators.afterRun?.(records);
  }
  const complete =
    !collaborators.moreRunsMayFollow && plan.runs.every((run) => records.some((record) => record.id === run.id));
  if (complete) {
    records = await finishStableDigests(
      runDir,
      records,
      matrix,
      { digest: collaborators.digest, take: collaborators.takeStableDigests ?? false },
      deleted,
    );
  }
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
  const context: RunContext = {
    run,
    runDir,
    database: path.join(folder, DATABASE_FILE),
    workdir,
    seed: matrix.target.seed,
  };

  const telemetry = createTelemetryReader();
  const watch = collaborators.memory?.watchRun() ?? null;
  let outcome: ProcessOutcome;
  try {
    await collaborators.target.prepare?.(context);
    const sampler = collaborators.startSampler;
    outcome = await spawnRun(collaborators.target.launch(context), {
      timeoutMs: matrix.timeoutMs,
      startSampler: sampler ? (pid) => sampler(pid, matrix.sampleIntervalMs) : undefined,
      signal: collaborators.signal,
      onSpawn: async (pid) => {
        watch?.adopt(pid);
        await collaborators.processes?.childStarted(pid);
      },
      onStdoutLine: (line) => telemetry.push(line),
    });
    await collaborators.processes?.childEnded();
  } catch (error) {
    if (error instanceof OutputError) throw error;
    outcome = preparationFailure(error);
  }
  const memory = watch?.finish(outcome) ?? null;
  if (memory?.status) outcome = { ...outcome, status: memory.status, error: memory.error ?? outcome.error };

  let digests: DatabaseDigest | null = null;
  let digestError: string | null = null;
  if (outcome.status === 'ok') {
    try {
      digests = await digestRun(context.database, matrix.tables, earlier, collaborators.digest);
    } catch (error) {
      digestError = (error as Error).message;
    }
  }
  // Before the working folder goes: dbt's manifest and compiled SQL, and a schedule file, may live there.
  const lineage =
    digests !== null && collaborators.digestRelations
      ? await recordRunLineage(matrix.target, context, folder, collaborators.digestRelations, {
          ...HARNESS_DIGEST_LIMITS,
          kind: 'fast',
        })
      : null;
  const scheduled =
    outcome.status === 'ok'
      ? await readRunSchedule(scheduleSourceFor(matrix.target, collaborators.readScheduleTable), context, folder)
      : null;
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
    ...(lineage ? { relations: lineage.relations, lineageError: lineage.lineageError } : {}),
    database: path.relative(runDir, context.database),
    stdoutTail: outcome.stdoutTail,
    stderrTail: outcome.stderrTail,
    stages: telemetry.stages(),
    ...scheduled,
    error: outcome.error ?? (digestError !== null ? `digest failed: ${digestError}` : null),
    ...describeRunConditions(matrix, summary, memory),
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

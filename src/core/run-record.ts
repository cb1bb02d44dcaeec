// The journal record of one finished run: failure is data, never an exception.
import type { Configuration, ThreadingMode } from './configuration.js';
import type { DatabaseDigest, RelationDigest } from './digest-record.js';
import type { CompactSchedule } from './schedule-record.js';

/** `oom`: killed by the kernel's OOM killer (src/stress/oom-judge.ts says how that is told apart from a crash). */
export type RunStatus = 'ok' | 'failed' | 'timeout' | 'oom';

/** One line of journal.jsonl. */
export interface RunRecord {
  readonly id: string;
  readonly threads: number;
  readonly mode: ThreadingMode;
  readonly rep: number;
  readonly warmup: boolean;
  readonly status: RunStatus;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** ISO time the process started. */
  readonly startedAt: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  readonly meanCores: number;
  readonly peakCores: number;
  /** Digests of the compared tables; null when the run failed or the digest could not be taken. */
  readonly digests: DatabaseDigest | null;
  /**
   * Version-stable (md5) digests of the reference configuration's first timed run only, taken once
   * the plan is complete (stable-digests.json, joined here by loadRun): what the golden check and
   * `baseline save` use. Absent on every other run.
   */
  readonly stableDigests?: DatabaseDigest | null;
  /** Why the reference run has no stable digests although they were taken (the md5 digest failed). */
  readonly stableDigestsError?: string;
  /**
   * Fast digests of every table and view of the run's database (volatile columns out), for the
   * lineage walk (src/lineage); absent when not recorded (older journals, no worker).
   */
  readonly relations?: Readonly<Record<string, RelationDigest>> | null;
  /** Why the run has no lineage to walk (a command target without `dag:`, an unreadable manifest). */
  readonly lineageError?: string | null;
  /** Why there are no digests although the run succeeded (e.g. the database had no such table). */
  readonly digestError: string | null;
  /** The run database, when kept (relative to the run directory); null when deleted. */
  readonly database: string | null;
  readonly stdoutTail: string;
  readonly stderrTail: string;
  /** Per-stage timings the target reported (telemetry), if any. */
  readonly stages: readonly { readonly name: string; readonly ms: number }[];
  /** A target-reported explanation, e.g. "timed out after 600000 ms" or "exit code 1". */
  readonly error: string | null;
  /** The run's per-model schedule, compact (src/schedules); absent when its target has no source. */
  readonly schedule?: CompactSchedule | null;
  /** Why a target with a schedule source gave none for this run. */
  readonly scheduleError?: string | null;
  /** Mean cores busy outside the run's tree and the harness while it ran; absent when not measured (older journals). */
  readonly outsideCores?: number;
  /** Mean cores of hypervisor steal time while it ran (/proc/stat); absent when not measured. */
  readonly stealCores?: number;
  /** outsideCores + stealCores exceeded the matrix's noise threshold. */
  readonly noisy?: boolean;
  /** Bytes the memory-stress helper held (resident) when the run ended; absent without stress. */
  readonly stressBytes?: number;
  /** A noisy record replaced by a re-run of the same id (`noise.rerun`): kept in the journal, out of every statistic. */
  readonly superseded?: boolean;
}

/** The run every other is compared with: the first timed, successful, digested run of the reference configuration. */
export function findReferenceRecord(records: readonly RunRecord[], reference: Configuration): RunRecord | null {
  return (
    records.find(
      (record) =>
        !record.warmup &&
        record.status === 'ok' &&
        record.digests !== null &&
        record.threads === reference.threads &&
        record.mode === reference.mode,
    ) ?? null
  );
}

// The memory conditions around each run: before it starts, the kernel log's position; after it
// ends, whether the OOM killer took it and how much the stress helper still held.
import type { RunStatus } from '../core/run-record.js';
import { KernelLogReader } from './kernel-log.js';
import type { MemoryStress } from './memory-stress.js';
import { judgeOomKill } from './oom-judge.js';
import { canJudgeOomKills } from './platform-support.js';

/** What the watch adds to a run's record. */
export interface MemoryConditions {
  /** 'oom' when the OOM killer ended the run; absent otherwise. */
  readonly status?: 'oom';
  readonly error?: string;
  /** Bytes the stress helper held when the run ended; null without stress. */
  readonly stressBytes: number | null;
}

/** What the watch reads of how a run's process ended (the runner's ProcessOutcome has these fields). */
export interface WatchedOutcome {
  readonly status: RunStatus;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timeline: { readonly processIds?: readonly number[] } | null;
}

/** One run's watch: adopt the root as soon as it is spawned, finish once it has ended. */
export interface MemoryWatch {
  adopt(pid: number): void;
  finish(outcome: WatchedOutcome): MemoryConditions;
}

/** Watches every run of a matrix, with or without a stress helper; close() once the matrix is over. */
export function createMemoryWatcher(stress: MemoryStress | null): { watchRun(): MemoryWatch; close(): void } {
  const kernelLog = KernelLogReader.open();
  return {
    close: () => kernelLog.close(),
    watchRun() {
      kernelLog.drainOomKills(); // what was logged before this run is not about it
      const killsBefore = stress?.readOomKills() ?? null;
      let rootPid: number | null = null;
      return {
        adopt(pid) {
          rootPid = pid;
          stress?.adopt(pid);
        },
        finish(outcome) {
          const stressBytes = stress ? stress.readHeldBytes() : null;
          if (outcome.status !== 'failed' || !canJudgeOomKills()) return { stressBytes };
          const killsAfter = stress?.readOomKills() ?? null;
          const treePids = new Set([...(outcome.timeline?.processIds ?? []), ...(rootPid === null ? [] : [rootPid])]);
          const why = judgeOomKill({
            exitCode: outcome.exitCode,
            signal: outcome.signal,
            treePids,
            kernelKills: kernelLog.drainOomKills(),
            cgroupKills: killsBefore === null || killsAfter === null ? null : killsAfter - killsBefore,
          });
          return why === null ? { stressBytes } : { status: 'oom', error: why, stressBytes };
        },
      };
    },
  };
}

// Tells a run killed by the kernel's OOM killer apart from a crash: by the kernel's own record where
// it can be read (/dev/kmsg, the stress cgroup's oom_kill counter), else by the signal alone.
import type { OomKillRecord } from './kernel-log.js';

/** What is known about a failed run's end and the kernel's OOM kills during it. */
export interface OomEvidence {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Every pid of the run's process tree the sampler saw, the root's included. */
  readonly treePids: ReadonlySet<number>;
  /** OOM kills the kernel logged during the run; null when its log is not readable here. */
  readonly kernelKills: readonly OomKillRecord[] | null;
  /** OOM kills inside the stress cgroup during the run; null without one. */
  readonly cgroupKills: number | null;
}

/** Exit code of a wrapper that passes on a child's SIGKILL as a shell does (128 + 9). */
const SIGKILL_EXIT_CODE = 137;

/**
 * Why a failed run counts as killed by the OOM killer, or null when it does not. A kernel record
 * naming a process of the tree is proof; an OOM kill in the stress cgroup (which holds only the
 * runs and the protected helper) is too. Without a readable log, SIGKILL (or exit 137) from
 * nobody in the harness — its timeouts are journaled as `timeout` — is taken for one, and says so.
 */
export function judgeOomKill(evidence: OomEvidence): string | null {
  const victim = evidence.kernelKills?.find((kill) => evidence.treePids.has(kill.pid));
  if (victim) return `killed by the kernel's OOM killer: ${victim.text.replace(/ total-vm:.*$/, '')}`;
  if ((evidence.cgroupKills ?? 0) > 0)
    return `killed by the kernel's OOM killer (${evidence.cgroupKills} OOM kill(s) in the stress cgroup during the run)`;
  const killed = evidence.signal === 'SIGKILL' || evidence.exitCode === SIGKILL_EXIT_CODE;
  if (killed && evidence.kernelKills === null) {
    return `killed by SIGKILL${evidence.signal ? '' : ' (exit code 137)'}; the kernel log is not readable here, so it is taken for an OOM kill`;
  }
  return null;
}

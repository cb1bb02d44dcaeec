// Memory stress and the OOM judge are Linux's: the stress confines runs to a memory cgroup and
// raises their oom_score_adj through /proc, and the judge reads the kernel's OOM-kill log. Elsewhere
// (and with THREADGATE_PLATFORM_PATHS=portable) a matrix that asks for stress is refused before
// anything runs, and the judge stays silent: a killed run reads as failed, not as an OOM kill.
import { InputError } from '../core/errors.js';
import { describePlatform, hasLinuxProc } from '../platform/platform-paths.js';

/** InputError (exit 2), one line, when `stress` is asked for where it cannot be made. */
export function refuseStressOffLinux(stressAsked: boolean, where: string): void {
  if (!stressAsked || hasLinuxProc()) return;
  throw new InputError(
    `${where}: stress: memory stress needs Linux (a memory cgroup, /proc, the kernel's OOM log); this is ${describePlatform()}: remove stress (or --stress-memory) to run here`,
  );
}

/** True where the kernel's OOM kills can be told apart from other kills. */
export function canJudgeOomKills(): boolean {
  return hasLinuxProc();
}

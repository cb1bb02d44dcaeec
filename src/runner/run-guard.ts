// Everything that keeps one harness's processes and files its own: the run directory's lock (a
// second harness is refused; a dead owner's leftovers are killed before anything starts), the
// watchdog (kills the running orchestrator's tree if this harness dies), and setpriv's death signal.
import path from 'node:path';
import { hasLinuxProc } from '../platform/platform-paths.js';
import { findSetpriv, NO_SETPRIV_VARIABLE } from './death-signal.js';
import { acquireRunLock, LOCK_FILE, type LockTakeover } from './run-lock.js';
import { selectTreeKiller } from './select-tree-killer.js';
import { startWatchdog } from './watchdog.js';
import { guardStartWrite, guardWrite } from '../core/write-failure.js';

/** A run directory held by this harness. */
export interface RunGuard {
  readonly takeover: LockTakeover | null;
  /** Notes for the person running it (setpriv missing, leftovers killed), one line each. */
  readonly notes: readonly string[];
  /** Called right after an orchestrator is spawned. */
  childStarted(pid: number): Promise<void>;
  /** Called once it has ended (and its tree was killed). */
  childEnded(): Promise<void>;
  /** Lets go of the lock and the watchdog; never throws. */
  release(): Promise<void>;
}

/** Takes the run directory for this harness (InputError, exit 2, when another harness holds it). */
export async function guardRunDirectory(runDir: string): Promise<RunGuard> {
  const lockFile = path.join(runDir, LOCK_FILE);
  const lock = await guardStartWrite('the lock file', lockFile, () => acquireRunLock(runDir));
  const watchdog = startWatchdog();
  const notes: string[] = [];
  const { takeover } = lock;
  if (takeover && takeover.killedPids.length > 0) {
    notes.push(
      `threadgate: stopped ${takeover.killedPids.length} process(es) left running by a killed harness (pid ${takeover.previousOwnerPid}): ${takeover.killedPids.join(', ')}`,
    );
  } else if (takeover) {
    const owner =
      takeover.previousOwnerPid === null
        ? 'an unreadable lock'
        : `a harness that is gone (pid ${takeover.previousOwnerPid})`;
    notes.push(`threadgate: took over ${LOCK_FILE} from ${owner}; nothing of it was left running`);
  }
  if (findSetpriv() === null && hasLinuxProc()) {
    notes.push(
      `threadgate: note: setpriv (util-linux) not found or ${NO_SETPRIV_VARIABLE}=1: an orchestrator dies with this harness only through its watchdog; a later --resume stops any leftover`,
    );
  }
  return {
    takeover,
    notes,
    async childStarted(pid) {
      const child = await selectTreeKiller().describeChild(pid);
      if (child === null) return; // gone already (it failed at once): nothing can be left of it
      watchdog?.watch(child);
      await guardWrite('the lock file', lockFile, runDir, () => lock.recordChild(child));
    },
    async childEnded() {
      watchdog?.watch(null);
      await guardWrite('the lock file', lockFile, runDir, () => lock.clearChild());
    },
    async release() {
      watchdog?.stop();
      await lock.release();
    },
  };
}

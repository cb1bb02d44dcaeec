// The Windows adapter of the tree killer. Windows has no process groups and no signals: taskkill
// /T /F ends a process and the tree its parent ids describe (Node's process.kill is the same
// TerminateProcess for any signal, so a timeout's SIGTERM is as forcible as its SIGKILL here).
// Windows never re-parents an orphan: its parent id keeps naming the dead parent, so descendants of
// a run whose root has already exited are still found from the process list (ps-list's fastlist).
// taskkill is started with an argument vector, never through a shell.
import { execFile } from 'node:child_process';
import { findDescendants, listProcesses } from '../platform/process-list.js';
import { isSameIdentity, readPortableIdentity } from '../platform/process-identity.js';
import { signalQuietly } from './kill-tree.js';
import type { TreeKiller } from './tree-killer.js';
import { waitUntilGone } from './wait-until-gone.js';

/** taskkill's arguments that end `pid` and its whole tree, forcibly. */
export function buildTaskkillArgs(pid: number): string[] {
  return ['/PID', String(pid), '/T', '/F'];
}

/** Runs taskkill on the tree of `pid`; resolves either way (a gone process is what we want). */
function runTaskkill(pid: number): Promise<void> {
  return new Promise((resolve) => {
    execFile('taskkill', buildTaskkillArgs(pid), { windowsHide: true, timeout: 10_000 }, () => resolve());
  });
}

/** Kills trees with taskkill and the process list's parent ids. */
export function createWindowsTreeKiller(): TreeKiller {
  const killer: TreeKiller = {
    paths: 'windows',
    async killTree(rootPid, _signal, isStillOurs) {
      const entries = await listProcesses('windows');
      const descendants = findDescendants(entries, rootPid);
      if (isStillOurs && !isStillOurs()) return;
      if (entries.some((entry) => entry.pid === rootPid)) await runTaskkill(rootPid);
      for (const pid of descendants) signalQuietly(pid, 'SIGKILL');
    },
    async describeChild(pid) {
      const identity = await readPortableIdentity(pid);
      return identity === null ? null : { pid, pgid: pid, startTime: identity };
    },
    async findLeftovers(child) {
      const current = await readPortableIdentity(child.pid);
      if (current !== null && !isSameIdentity(current, child.startTime)) return []; // pid reused
      const found = new Set(findDescendants(await listProcesses('windows'), child.pid));
      if (current !== null) found.add(child.pid);
      return [...found].filter((pid) => pid !== process.pid).sort((a, b) => a - b);
    },
    async killLeftovers(child, waitMs = 3000) {
      const pids = await killer.findLeftovers(child);
      if (pids.length === 0) return [];
      if (pids.includes(child.pid)) await runTaskkill(child.pid);
      for (const pid of pids) signalQuietly(pid, 'SIGKILL');
      await waitUntilGone(killer, pids, waitMs);
      return pids;
    },
    async killOrphans(rootPid, waitMs = 3000) {
      const entries = await listProcesses('windows');
      if (entries.some((entry) => entry.pid === rootPid)) return []; // a stranger on the reaped root's pid
      // Windows never re-parents: the orphans still name the dead root as their parent.
      const pids = findDescendants(entries, rootPid).filter((pid) => pid !== process.pid);
      for (const pid of pids) signalQuietly(pid, 'SIGKILL');
      await waitUntilGone(killer, pids, waitMs);
      return pids.sort((a, b) => a - b);
    },
    readIdentity: readPortableIdentity,
    async isSameProcess(pid, identity) {
      return isSameIdentity(await readPortableIdentity(pid), identity);
    },
    async isRunning(pid) {
      return (await listProcesses('windows')).some((entry) => entry.pid === pid);
    },
  };
  return killer;
}

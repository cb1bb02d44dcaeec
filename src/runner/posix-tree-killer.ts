// The POSIX adapter of the tree killer, for systems without /proc (macOS) and for Linux with
// THREADGATE_PLATFORM_PATHS=portable: a run is spawned as the leader of its own process group, so
// one kill(-pgid) reaches it and everything it started that stayed in the group (orphans included);
// descendants that left the group (setsid) are found from parent ids in `ps`. Identities come from
// pidusage's start time (../platform/process-identity.ts).
import { findDescendants, listProcesses, type ProcessEntry } from '../platform/process-list.js';
import { isSameIdentity, readPortableIdentity } from '../platform/process-identity.js';
import { signalQuietly } from './kill-tree.js';
import type { ChildProcessRecord } from './leftover-sweep.js';
import type { TreeKiller } from './tree-killer.js';
import { waitUntilGone } from './wait-until-gone.js';

/** Kills trees through process groups and `ps`. */
export function createPosixTreeKiller(): TreeKiller {
  const killer: TreeKiller = {
    paths: 'posix',
    async killTree(rootPid, signal, isStillOurs) {
      const descendants = findDescendants(await listProcesses('posix'), rootPid);
      if (isStillOurs && !isStillOurs()) return;
      signalQuietly(-rootPid, signal);
      signalQuietly(rootPid, signal);
      for (const pid of descendants) signalQuietly(pid, signal);
    },
    async describeChild(pid) {
      const [entry, identity] = await Promise.all([findEntry(pid), readPortableIdentity(pid)]);
      return entry === null || identity === null ? null : { pid, pgid: entry.pgid ?? pid, startTime: identity };
    },
    async findLeftovers(child) {
      const entries = await listProcesses('posix');
      const own = entries.find((entry) => entry.pid === process.pid);
      // Never this harness's own group (a record can only name it if it was not spawned detached).
      if (own?.pgid === child.pgid) return [];
      const current = await readPortableIdentity(child.pid);
      // The pid names another process now: the system reuses a pid only once no process is left
      // in the group it led, so nothing of that group is ours any more.
      if (current !== null && !isSameIdentity(current, child.startTime)) return [];
      const found = new Set<number>();
      for (const entry of entries) if (entry.pgid === child.pgid && !entry.zombie) found.add(entry.pid);
      if (current !== null) {
        found.add(child.pid);
        for (const pid of findDescendants(entries, child.pid)) found.add(pid);
      }
      return [...found].filter((pid) => pid !== process.pid).sort((a, b) => a - b);
    },
    async killLeftovers(child: ChildProcessRecord, waitMs = 3000) {
      return killMembers(child.pgid, await killer.findLeftovers(child), waitMs);
    },
    async killOrphans(rootPid, waitMs = 3000) {
      const entries = await listProcesses('posix');
      if (entries.some((entry) => entry.pid === rootPid)) return []; // a stranger on the reaped root's pid
      if (entries.find((entry) => entry.pid === process.pid)?.pgid === rootPid) return [];
      const pids = entries
        .filter((entry) => entry.pgid === rootPid && !entry.zombie && entry.pid !== process.pid)
        .map((entry) => entry.pid)
        .sort((a, b) => a - b);
      return killMembers(rootPid, pids, waitMs);
    },
    readIdentity: readPortableIdentity,
    async isSameProcess(pid, identity) {
      const current = await readPortableIdentity(pid);
      // An identity in /proc's form (`<boot id>:<ticks>`) cannot be compared: a live pid counts as the same.
      return identity.startsWith('started:') ? isSameIdentity(current, identity) : current !== null;
    },
    async isRunning(pid) {
      const entry = await findEntry(pid);
      return entry !== null && !entry.zombie;
    },
  };
  /** Kills `pids` of group `pgid` with SIGKILL and waits (up to `waitMs`) until they are gone; returns them. */
  async function killMembers(pgid: number, pids: number[], waitMs: number): Promise<number[]> {
    if (pids.length === 0) return [];
    // The group first, so that a member forking right now cannot slip between listing and killing.
    signalQuietly(-pgid, 'SIGKILL');
    for (const pid of pids) signalQuietly(pid, 'SIGKILL');
    await waitUntilGone(killer, pids, waitMs);
    return pids;
  }
  return killer;
}

async function findEntry(pid: number): Promise<ProcessEntry | null> {
  return (await listProcesses('posix')).find((entry) => entry.pid === pid) ?? null;
}

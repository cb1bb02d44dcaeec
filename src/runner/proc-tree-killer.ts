// The Linux adapter of the tree killer: descendants and process groups read from /proc, identities
// from start ticks and the boot id (kill-tree.ts, leftover-sweep.ts, process-identity.ts).
import { killTree } from './kill-tree.js';
import { describeChildProcess, findLeftovers, killLeftovers, killOrphans } from './leftover-sweep.js';
import { isRunning, isSameProcess, readStartTime } from './process-identity.js';
import type { TreeKiller } from './tree-killer.js';

/** Kills trees with what /proc tells. */
export function createProcTreeKiller(): TreeKiller {
  return {
    paths: 'linux-proc',
    killTree,
    describeChild: async (pid) => describeChildProcess(pid),
    findLeftovers,
    killLeftovers,
    killOrphans,
    readIdentity: async (pid) => readStartTime(pid),
    // An identity recorded by a harness on the portable paths (`started:…`) cannot be compared
    // with start ticks: a live pid then counts as the same process, the safe side for a lock.
    isSameProcess: async (pid, identity) =>
      identity.startsWith('started:') ? isRunning(pid) : isSameProcess(pid, identity),
    isRunning: async (pid) => isRunning(pid),
  };
}

// Kills a run's whole process tree: its process group (children spawned detached get their own)
// plus every descendant found in /proc, which also catches grandchildren that left the group.
import { listProcStats } from './process-identity.js';

/** Pids of every live descendant of `rootPid`, from the ppid field of /proc/<pid>/stat. */
export async function listDescendants(rootPid: number): Promise<number[]> {
  const childrenOf = new Map<number, number[]>();
  for (const { pid, ppid } of listProcStats()) childrenOf.set(ppid, [...(childrenOf.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    for (const pid of childrenOf.get(frontier.pop()!) ?? []) {
      if (found.includes(pid)) continue;
      found.push(pid);
      frontier.push(pid);
    }
  }
  return found;
}

/** Sends `signal` to `pid` (a negative pid: a process group), quietly when it is already gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: exactly what we want.
  }
}

/** Sends `signal` to the group led by `rootPid`, the root, and every descendant (tree-killer.ts). */
export async function killTree(rootPid: number, signal: NodeJS.Signals, isStillOurs?: () => boolean): Promise<void> {
  const descendants = await listDescendants(rootPid);
  if (isStillOurs && !isStillOurs()) return;
  signalQuietly(-rootPid, signal);
  signalQuietly(rootPid, signal);
  for (const pid of descendants) signalQuietly(pid, signal);
}

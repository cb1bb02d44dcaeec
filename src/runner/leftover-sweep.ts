// What a killed harness left running: its orchestrator child (when nothing killed it with the
// harness) and the child's descendants. Found by the process group the child led (children are
// spawned in a group of their own), checked against recorded start times so that a reused pid or
// group id never gets a stranger killed.
import { listDescendants, signalQuietly } from './kill-tree.js';
import { isRunning, listProcStats, readBootId, readProcStat, readStartTime } from './process-identity.js';

/** The orchestrator process of the run in progress, as the harness recorded it. */
export interface ChildProcessRecord {
  readonly pid: number;
  /** Its process group (its own pid: it is spawned detached). */
  readonly pgid: number;
  /** `<boot id>:<start ticks>` (process-identity.ts). */
  readonly startTime: string;
}

/** The record of a child just spawned (null when it is already gone). */
export function describeChildProcess(pid: number): ChildProcessRecord | null {
  const stat = readProcStat(pid);
  const startTime = readStartTime(pid);
  return stat === null || startTime === null ? null : { pid, pgid: stat.pgid, startTime };
}

/** The processes of a recorded child that are still running: the child, its group, its descendants. */
export async function findLeftovers(child: ChildProcessRecord): Promise<number[]> {
  // Never this harness's own group (a record can only name it if it was not spawned detached).
  if (child.pgid === readProcStat(process.pid)?.pgid) return [];
  const current = readStartTime(child.pid);
  // The pid now names another process: the kernel reuses a pid only once no process is left in its
  // group, so nothing of that group is ours any more.
  if (current !== null && current !== child.startTime) return [];
  const [boot, ticksText] = splitStartTime(child.startTime);
  if (boot !== readBootId()) return []; // recorded before a reboot
  const childTicks = Number(ticksText);
  const found = new Set<number>();
  for (const stat of listProcStats()) {
    // Members of the group started no earlier than its leader; zombies are already dead.
    if (stat.pgid === child.pgid && stat.startTicks >= childTicks && stat.state !== 'Z') found.add(stat.pid);
  }
  if (current !== null) {
    found.add(child.pid);
    for (const pid of await listDescendants(child.pid)) found.add(pid);
  }
  return [...found].filter((pid) => pid !== process.pid).sort((a, b) => a - b);
}

/** Kills every leftover of `child` with SIGKILL and waits (up to `waitMs`) until they are gone; returns their pids. */
export async function killLeftovers(child: ChildProcessRecord, waitMs = 3000): Promise<number[]> {
  return killGroupMembers(child.pgid, await findLeftovers(child), waitMs);
}

/** The members of the group a reaped root led (tree-killer.ts, killOrphans); none when its pid names a stranger. */
export function findOrphans(rootPid: number): number[] {
  const stats = listProcStats();
  if (stats.some((stat) => stat.pid === rootPid)) return [];
  if (rootPid === readProcStat(process.pid)?.pgid) return [];
  return stats
    .filter((stat) => stat.pgid === rootPid && stat.state !== 'Z' && stat.pid !== process.pid)
    .map((stat) => stat.pid)
    .sort((a, b) => a - b);
}

/** Kills the orphans of a reaped root (tree-killer.ts) and waits until they are gone; returns their pids. */
export async function killOrphans(rootPid: number, waitMs = 3000): Promise<number[]> {
  return killGroupMembers(rootPid, findOrphans(rootPid), waitMs);
}

async function killGroupMembers(pgid: number, pids: readonly number[], waitMs: number): Promise<number[]> {
  if (pids.length === 0) return [];
  // The group first, so that a member forking right now cannot slip between listing and killing.
  signalQuietly(-pgid, 'SIGKILL');
  for (const pid of pids) signalQuietly(pid, 'SIGKILL');
  const deadline = Date.now() + waitMs;
  while (pids.some(isRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return [...pids];
}

function splitStartTime(startTime: string): [string, string] {
  const at = startTime.lastIndexOf(':');
  return [startTime.slice(0, at), startTime.slice(at + 1)];
}

// Kills a run's whole process tree: its process group (children spawned detached get their own)
// plus every descendant found in /proc, which also catches grandchildren that left the group.
import { readdir, readFile } from 'node:fs/promises';

/** Pids of every live descendant of `rootPid`, from the ppid field of /proc/<pid>/stat. */
export async function listDescendants(rootPid: number): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    // The command name (field 2) may contain spaces and parentheses: fields resume after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parentOf.set(Number(entry), ppid);
  }
  const found: number[] = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const [pid, ppid] of parentOf) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        frontier.push(pid);
      }
    }
  }
  return found;
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: exactly what we want.
  }
}

/** Sends `signal` to the group led by `rootPid`, the root, and every descendant. */
export async function killTree(rootPid: number, signal: NodeJS.Signals): Promise<void> {
  const descendants = await listDescendants(rootPid);
  signalQuietly(-rootPid, signal);
  signalQuietly(rootPid, signal);
  for (const pid of descendants) signalQuietly(pid, signal);
}

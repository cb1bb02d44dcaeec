// Every process of the machine with its parent (and, on POSIX, its process group): how a run's tree
// is found from parent ids where /proc is not there. POSIX runs `ps -A -o pid=,ppid=,pgid=` (the
// columns POSIX defines, so macOS's ps and procps read them alike); Windows asks ps-list, whose
// bundled fastlist.exe lists processes in a few milliseconds (PowerShell's Win32_Process query takes
// half a second). No shell either way: an argument vector.
import { execFile } from 'node:child_process';
import type { PlatformPaths } from './platform-paths.js';

/** One process as the system lists it. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  /** Its process group; null where there are none (Windows). */
  readonly pgid: number | null;
}

/** Lists every process; an empty list when the listing fails (the caller then finds no descendants). */
export async function listProcesses(paths: Exclude<PlatformPaths, 'linux-proc'>): Promise<ProcessEntry[]> {
  return paths === 'windows' ? listWindowsProcesses() : listPosixProcesses();
}

function listPosixProcesses(): Promise<ProcessEntry[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { maxBuffer: 64 * 1024 * 1024, timeout: 10_000 }, (error, stdout) => {
      resolve(error ? [] : parsePsListing(String(stdout)));
    });
  });
}

async function listWindowsProcesses(): Promise<ProcessEntry[]> {
  try {
    const { default: psList } = await import('ps-list');
    return (await psList()).map(({ pid, ppid }) => ({ pid, ppid, pgid: null }));
  } catch {
    return [];
  }
}

/** Parses `ps -o pid=,ppid=,pgid=` output: three integers a line, blank-padded. */
export function parsePsListing(text: string): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const line of text.split('\n')) {
    const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
    if (Number.isInteger(pid) && Number.isInteger(ppid) && pid! > 0) entries.push({ pid: pid!, ppid: ppid!, pgid: Number.isInteger(pgid) ? pgid! : null });
  }
  return entries;
}

/** Every descendant of the root(s) in `entries`, parents before children (none listed twice, no root listed). */
export function findDescendants(entries: readonly ProcessEntry[], roots: number | readonly number[]): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const { pid, ppid } of entries) {
    if (pid === ppid) continue; // Windows' System Idle Process names itself its parent
    const siblings = childrenOf.get(ppid);
    if (siblings) siblings.push(pid);
    else childrenOf.set(ppid, [pid]);
  }
  const found: number[] = [];
  const frontier = typeof roots === 'number' ? [roots] : [...roots];
  const seen = new Set(frontier);
  while (frontier.length > 0) {
    for (const pid of childrenOf.get(frontier.shift()!) ?? []) {
      if (seen.has(pid)) continue;
      seen.add(pid);
      found.push(pid);
      frontier.push(pid);
    }
  }
  return found;
}

// Every process of the machine with its parent (and, on POSIX, its process group): how a run's tree
// is found from parent ids where /proc is not there. POSIX runs `ps -A -o pid=,ppid=,pgid=,stat=`
// (pid, ppid and pgid are POSIX's own columns; stat, whose first letter Z marks a zombie, is read
// alike by macOS's ps and procps); Windows asks ps-list, whose
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
  /** Dead and not yet reaped: holds nothing, runs nothing, needs no killing. */
  readonly zombie: boolean;
}

/** Lists every process; an empty list when the listing fails (the caller then finds no descendants). */
export async function listProcesses(paths: Exclude<PlatformPaths, 'linux-proc'>): Promise<ProcessEntry[]> {
  return paths === 'windows' ? listWindowsProcesses() : listPosixProcesses();
}

function listPosixProcesses(): Promise<ProcessEntry[]> {
  return new Promise((resolve) => {
    execFile(
      'ps',
      ['-A', '-o', 'pid=,ppid=,pgid=,stat='],
      { maxBuffer: 64 * 1024 * 1024, timeout: 10_000 },
      (error, stdout) => {
        resolve(error ? [] : parsePsListing(String(stdout)));
      },
    );
  });
}

async function listWindowsProcesses(): Promise<ProcessEntry[]> {
  try {
    const { default: psList } = await import('ps-list');
    return (await psList()).map(({ pid, ppid }) => ({ pid, ppid, pgid: null, zombie: false }));
  } catch {
    return [];
  }
}

/** Parses `ps -o pid=,ppid=,pgid=,stat=` output: three integers and a state a line, blank-padded. */
export function parsePsListing(text: string): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const line of text.split('\n')) {
    const [pidText, ppidText, pgidText, state] = line.trim().split(/\s+/);
    const [pid, ppid, pgid] = [pidText, ppidText, pgidText].map(Number);
    if (!Number.isInteger(pid) || !Number.isInteger(ppid) || pid! <= 0) continue;
    entries.push({
      pid: pid!,
      ppid: ppid!,
      pgid: Number.isInteger(pgid) ? pgid! : null,
      zombie: state?.startsWith('Z') ?? false,
    });
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

// Who a pid really is: a pid is reused once its process is gone, so a pid recorded by a harness that
// was killed is only trusted together with the process's start time (and the boot it belongs to).
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat that the runner needs. */
export interface ProcStat {
  readonly pid: number;
  /** R, S, D, Z (zombie: dead, waiting to be reaped)… (field 3). */
  readonly state: string;
  readonly ppid: number;
  /** Process group id (field 5). */
  readonly pgid: number;
  /** Start time in clock ticks after boot (field 22). */
  readonly startTicks: number;
}

/** Parses /proc/<pid>/stat; the command name (field 2) may hold spaces and ')', so fields resume after the last ')'. */
export function parseProcStat(pid: number, text: string): ProcStat | null {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): field n sits at rest[n - 3].
  const ppid = Number(rest[1]);
  const pgid = Number(rest[2]);
  const startTicks = Number(rest[19]);
  if (!Number.isInteger(ppid) || !Number.isInteger(pgid) || !Number.isInteger(startTicks)) return null;
  return { pid, state: rest[0] ?? '?', ppid, pgid, startTicks };
}

/** /proc/<pid>/stat of one process, or null when it is gone (or /proc is not there). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Every process visible in /proc. */
export function listProcStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

let bootId: string | undefined;

/** This boot's id: start times are only comparable within one boot. */
export function readBootId(): string {
  if (bootId === undefined) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      bootId = 'unknown-boot';
    }
  }
  return bootId;
}

/** `<boot id>:<start ticks>` of a live process, or null when it is gone: with the pid, an identity no reuse can fake. */
export function readStartTime(pid: number): string | null {
  const stat = readProcStat(pid);
  return stat ? `${readBootId()}:${stat.startTicks}` : null;
}

/** True while `pid` exists and is not a zombie (a zombie holds no memory and runs nothing). */
export function isRunning(pid: number): boolean {
  const stat = readProcStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

/** True when `pid` is alive and is the very process that had `startTime`. */
export function isSameProcess(pid: number, startTime: string): boolean {
  return readStartTime(pid) === startTime;
}

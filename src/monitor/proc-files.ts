// Reading and parsing the Linux /proc files the sampler needs. Files stay open between samples and
// are re-read from offset 0: one pread instead of open+fstat+read+close keeps the sampler cheap at
// 10 Hz, and a handle stays bound to its process (after the process is gone a read fails with
// ESRCH instead of silently reading a new process that reused the pid).
import { execFile } from 'node:child_process';
import { open, type FileHandle } from 'node:fs/promises';

/** The fields of /proc/<pid>/stat the sampler uses (times in clock ticks). */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime: CPU time of the process itself. */
  readonly selfTicks: number;
  /** cutime + cstime: CPU time of its children that it has waited for (reaped). */
  readonly reapedTicks: number;
  /** Start time after boot: with the pid, it names a process uniquely (pids are reused). */
  readonly startTicks: number;
}

/** Memory of one process from /proc/<pid>/status, in bytes. */
export interface ProcMemory {
  readonly rssBytes: number;
  /** VmHWM: the kernel's high-water mark of this process's RSS. */
  readonly hwmBytes: number;
}

/** An open /proc file that is re-read in place; null from read() once the file is gone. */
export class ProcFile {
  private constructor(private readonly handle: FileHandle) {}

  /** Opens a /proc file, or null when it does not exist or is not readable (vanished, foreign). */
  static async open(path: string): Promise<ProcFile | null> {
    try {
      return new ProcFile(await open(path, 'r'));
    } catch {
      return null;
    }
  }

  /** The whole file as text, or null when its process has gone. */
  async read(): Promise<string | null> {
    let size = 4096;
    try {
      for (;;) {
        const buffer = Buffer.allocUnsafe(size);
        const { bytesRead } = await this.handle.read(buffer, 0, size, 0);
        if (bytesRead < size) return bytesRead === 0 ? null : buffer.toString('latin1', 0, bytesRead);
        size *= 4;
      }
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and ')' so fields count from the last ')'. */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(text, 10);
  // After ") ": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17) ... starttime(22).
  const fields = text.slice(close + 2).split(' ');
  const field = (n: number): number => Number(fields[n - 3]);
  const stat = {
    pid,
    ppid: field(4),
    selfTicks: field(14) + field(15),
    reapedTicks: field(16) + field(17),
    startTicks: field(22),
  };
  return Object.values(stat).every(Number.isFinite) ? stat : null;
}

/** Parses VmRSS and VmHWM (kB) from /proc/<pid>/status; a zombie has neither and counts 0. */
export function parseProcStatus(text: string): ProcMemory {
  return { rssBytes: readKilobytes(text, 'VmRSS') ?? 0, hwmBytes: readKilobytes(text, 'VmHWM') ?? 0 };
}

/** Parses the Pss line of /proc/<pid>/smaps_rollup, in bytes. */
export function parsePssBytes(text: string): number | null {
  return readKilobytes(text, 'Pss');
}

/** The value of a `Name:   123 kB` line, in bytes. */
export function readKilobytes(text: string, name: string): number | null {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  return match?.[1] === undefined ? null : Number(match[1]) * 1024;
}

/** Parses a children file: space-separated pids. */
export function parseChildren(text: string | null): number[] {
  if (!text) return [];
  return text.split(' ').filter((word) => word.trim() !== '').map(Number).filter(Number.isInteger);
}

let clockTicks: Promise<number> | null = null;

/** Clock ticks per second (`getconf CLK_TCK`), read once; 100 (Linux's USER_HZ) when getconf fails. */
export function readClockTicksPerSecond(): Promise<number> {
  clockTicks ??= new Promise((resolve) => {
    execFile('getconf', ['CLK_TCK'], { timeout: 2000 }, (error, stdout) => {
      const ticks = Number.parseInt(String(stdout), 10);
      resolve(!error && ticks > 0 ? ticks : 100);
    });
  });
  return clockTicks;
}

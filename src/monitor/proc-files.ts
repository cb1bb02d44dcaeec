// Reading and parsing the Linux /proc files the sampler needs. Files stay open between samples and
// are re-read from offset 0: one pread instead of open+fstat+read+close, and a descriptor stays bound
// to its process (once the process is gone a read fails with ESRCH instead of silently reading a
// new process that reused the pid).
//
// Cheap files (stat, status, children, /proc/stat, /proc/meminfo) are read synchronously; status
// (15 µs, three times stat's cost to produce) only now and then, for VmHWM: RSS comes from stat. They are
// generated from kernel memory and never wait on a disk: a synchronous pread costs 2–20 µs of CPU,
// while the same read through libuv's thread pool costs 50–70 µs in hand-offs (measured on the
// 2-core test VM), which alone would spend the sampler's 1 % budget on a tree of a few processes.
// The event loop is held about 40 µs per process per sample. smaps_rollup is the exception: the
// kernel walks the process's page tables (about 1 ms for an idle Node process, more for a large
// heap), so it is read asynchronously and rarely (see tree-sampler.ts).
import { execFile } from 'node:child_process';
import { closeSync, openSync, read, readSync } from 'node:fs';

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
  /** Resident set size in pages: the same count as status's VmRSS, without status's cost. */
  readonly rssPages: number;
}

/** Memory of one process from /proc/<pid>/status, in bytes. */
export interface ProcMemory {
  readonly rssBytes: number;
  /** VmHWM: the kernel's high-water mark of this process's RSS. */
  readonly hwmBytes: number;
}

// One buffer for every synchronous read: nothing else can run between a readSync and its decode.
let syncBuffer = Buffer.allocUnsafe(16 * 1024);

/** An open /proc file that is re-read in place; reads give null once the file is gone. */
export class ProcFile {
  private closed = false;

  private constructor(private readonly fd: number) {}

  /** Opens a /proc file, or null when it does not exist or is not readable (vanished, foreign). */
  static open(path: string): ProcFile | null {
    try {
      return new ProcFile(openSync(path, 'r'));
    } catch {
      return null;
    }
  }

  /** The whole file as text, read synchronously; null when its process has gone. */
  readSync(): string | null {
    if (this.closed) return null;
    try {
      for (;;) {
        const bytesRead = readSync(this.fd, syncBuffer, 0, syncBuffer.length, 0);
        if (bytesRead < syncBuffer.length) return bytesRead === 0 ? null : syncBuffer.toString('latin1', 0, bytesRead);
        syncBuffer = Buffer.allocUnsafe(syncBuffer.length * 4);
      }
    } catch {
      return null;
    }
  }

  /**
   * /proc/<pid>/stat read and parsed straight from the bytes: no string is made, so a sample of a
   * tree allocates almost nothing per process (the garbage collector was the sampler's largest
   * cost after the reads themselves). Null when the process has gone.
   */
  readStatSync(): ProcStat | null {
    if (this.closed) return null;
    try {
      const bytesRead = readSync(this.fd, syncBuffer, 0, syncBuffer.length, 0);
      return bytesRead === 0 ? null : parseProcStatBytes(syncBuffer, bytesRead);
    } catch {
      return null;
    }
  }

  /** The whole file as text, read on the thread pool (for files the kernel is slow to produce). */
  async readAsync(): Promise<string | null> {
    let buffer = Buffer.allocUnsafe(4096);
    for (;;) {
      if (this.closed) return null;
      const bytesRead = await new Promise<number>((resolve) => {
        read(this.fd, buffer, 0, buffer.length, 0, (error, count) => resolve(error ? 0 : count));
      });
      if (bytesRead < buffer.length) return bytesRead === 0 ? null : buffer.toString('latin1', 0, bytesRead);
      buffer = Buffer.allocUnsafe(buffer.length * 4);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed: nothing to release
    }
  }
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and ')' so fields count from the last ')'. */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(text, 10);
  // After ") ": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17) ... starttime(22) ... rss(24).
  const fields = text.slice(close + 2).split(' ');
  const field = (n: number): number => Number(fields[n - 3]);
  const stat = {
    pid,
    ppid: field(4),
    selfTicks: field(14) + field(15),
    reapedTicks: field(16) + field(17),
    startTicks: field(22),
    rssPages: field(24),
  };
  return Object.values(stat).every(Number.isFinite) ? stat : null;
}

const CLOSE_PAREN = 0x29;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;

// Reused by every parse: nothing else runs between filling and reading it.
const statFields = new Array<number>(25).fill(0);

/** parseProcStat on the raw bytes of the file (the same fields, the same rule for the command name). */
export function parseProcStatBytes(bytes: Uint8Array, length: number): ProcStat | null {
  let close = length - 1;
  while (close >= 0 && bytes[close] !== CLOSE_PAREN) close--;
  if (close < 0) return null;
  let pid = 0;
  for (let i = 0; i < close && bytes[i] !== SPACE; i++) pid = pid * 10 + bytes[i]! - DIGIT_0;
  // Fields from 3 (state) on, after ") "; only numeric fields up to rss (24) are needed. (A minus
  // sign is skipped: only priority and nice can be negative, and neither is used.)
  const values = statFields;
  let field = 3;
  let value = 0;
  for (let i = close + 2; i < length && field <= 24; i++) {
    const byte = bytes[i]!;
    if (byte === SPACE || byte === NEWLINE) {
      values[field++] = value;
      value = 0;
    } else if (byte >= DIGIT_0 && byte <= DIGIT_0 + 9) {
      value = value * 10 + byte - DIGIT_0;
    }
  }
  if (field === 24) values[field++] = value; // rss was the last field
  if (field <= 24) return null;
  return {
    pid,
    ppid: values[4]!,
    selfTicks: values[14]! + values[15]!,
    reapedTicks: values[16]! + values[17]!,
    startTicks: values[22]!,
    rssPages: values[24]!,
  };
}

/** Parses VmRSS and VmHWM (kB) from /proc/<pid>/status; a zombie has neither and counts 0. */
export function parseProcStatus(text: string): ProcMemory {
  return { rssBytes: readKilobytes(text, 'VmRSS') ?? 0, hwmBytes: readKilobytes(text, 'VmHWM') ?? 0 };
}

/** Parses the Pss line of /proc/<pid>/smaps_rollup, in bytes. */
export function parsePssBytes(text: string): number | null {
  return readKilobytes(text, 'Pss');
}

const kilobyteLines = new Map<string, RegExp>();

/** The value of a `Name:   123 kB` line, in bytes. */
export function readKilobytes(text: string, name: string): number | null {
  let pattern = kilobyteLines.get(name);
  if (!pattern) {
    pattern = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm');
    kilobyteLines.set(name, pattern);
  }
  const match = pattern.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]) * 1024;
}

/** Parses a children file: space-separated pids. */
export function parseChildren(text: string | null): number[] {
  if (!text) return [];
  return text
    .split(' ')
    .filter((word) => word.trim() !== '')
    .map(Number)
    .filter(Number.isInteger);
}

const getconfValues = new Map<string, Promise<number>>();

/** A positive integer from `getconf NAME`, read once per process; `fallback` when getconf fails. */
function getconf(name: string, fallback: number): Promise<number> {
  let value = getconfValues.get(name);
  if (!value) {
    value = new Promise((resolve) => {
      execFile('getconf', [name], { timeout: 2000 }, (error, stdout) => {
        const parsed = Number.parseInt(String(stdout), 10);
        resolve(!error && parsed > 0 ? parsed : fallback);
      });
    });
    getconfValues.set(name, value);
  }
  return value;
}

/** Clock ticks per second (`getconf CLK_TCK`); 100 (Linux's USER_HZ) when getconf fails. */
export function readClockTicksPerSecond(): Promise<number> {
  return getconf('CLK_TCK', 100);
}

/** The memory page size in bytes (`getconf PAGESIZE`); 4096 when getconf fails. */
export function readPageSize(): Promise<number> {
  return getconf('PAGESIZE', 4096);
}

// The kernel's own record of OOM kills, read from /dev/kmsg: one record per read, each
// `<prio>,<seq>,<µs since boot>,<flags>;<text>`. The runner drains the log before each run and reads
// only what was logged after, so a pid reused since an old OOM kill is not mistaken.
import { closeSync, constants, openSync, readSync } from 'node:fs';

/** One OOM kill the kernel logged. */
export interface OomKillRecord {
  readonly sequence: number;
  readonly pid: number;
  /** The victim's command name, as the kernel logged it. */
  readonly name: string;
  /** The log line, e.g. "Memory cgroup out of memory: Killed process 8974 (node) total-vm:…". */
  readonly text: string;
}

const KMSG = '/dev/kmsg';
/** A record is at most about 1 KiB of text plus its dictionary; a read shorter than the record fails. */
const RECORD_BYTES = 16 * 1024;

/** Parses one /dev/kmsg record; the OOM kill when it is one ("Out of memory: Killed process …" and the memcg variant). */
export function parseOomKillRecord(record: string): OomKillRecord | null {
  const semicolon = record.indexOf(';');
  if (semicolon < 0) return null;
  const sequence = Number(record.slice(0, semicolon).split(',')[1]);
  const text = record.slice(semicolon + 1).split('\n')[0]!;
  const match = /Killed process (\d+) \(([^)]*)\)/.exec(text);
  if (!match || !Number.isFinite(sequence)) return null;
  return { sequence, pid: Number(match[1]), name: match[2]!, text };
}

/**
 * /dev/kmsg held open for a whole matrix: an open descriptor keeps its place in the log, so after the
 * first read (the whole ring buffer, once) each drain costs one read that finds nothing new.
 */
export class KernelLogReader {
  private readonly buffer = Buffer.allocUnsafe(RECORD_BYTES);

  private constructor(private fd: number | null) {}

  /** Opens the log and reads past what it holds now; every drain gives null where it cannot be read. */
  static open(): KernelLogReader {
    let fd: number | null = null;
    try {
      fd = openSync(KMSG, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      // no such device, or dmesg_restrict for an unprivileged user
    }
    const reader = new KernelLogReader(fd);
    reader.drainOomKills();
    return reader;
  }

  /** OOM kills logged since the previous drain; null when the log is not readable here. */
  drainOomKills(): OomKillRecord[] | null {
    if (this.fd === null) return null;
    const kills: OomKillRecord[] = [];
    for (;;) {
      let bytesRead: number;
      try {
        bytesRead = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      } catch (error) {
        // EPIPE: records overwritten since the last read (the reader moves on to the oldest kept one).
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') continue;
        break; // EAGAIN: nothing more
      }
      if (bytesRead === 0) break;
      const kill = parseOomKillRecord(this.buffer.toString('utf8', 0, bytesRead));
      if (kill) kills.push(kill);
    }
    return kills;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

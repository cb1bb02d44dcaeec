// The kernel's own record of OOM kills, read from /dev/kmsg: one record per read, each
// `<prio>,<seq>,<µs since boot>,<flags>;<text>`. The runner notes the last sequence number before
// a run and looks only at records after it, so a pid reused since an old OOM kill is not mistaken.
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
 * Reads every record still in the ring buffer; null when /dev/kmsg is not readable here
 * (no such device, or dmesg_restrict for an unprivileged user). Records overwritten while reading
 * (EPIPE) are skipped.
 */
function readRecords(): string[] | null {
  let fd: number;
  try {
    fd = openSync(KMSG, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  const buffer = Buffer.allocUnsafe(RECORD_BYTES);
  const records: string[] = [];
  try {
    for (;;) {
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') continue;
        break; // EAGAIN: no more records
      }
      if (bytesRead === 0) break;
      records.push(buffer.toString('utf8', 0, bytesRead));
    }
  } finally {
    closeSync(fd);
  }
  return records;
}

/** The kernel log, read for OOM kills. */
export const kernelLog = {
  /** The newest record's sequence number; null when the log is not readable. */
  readLastSequence(): number | null {
    const records = readRecords();
    if (records === null) return null;
    const last = records.at(-1);
    return last === undefined ? 0 : Number(last.split(',')[1]) || 0;
  },
  /** OOM kills logged after `sequence`; null when the log is not readable. */
  readOomKillsSince(sequence: number): OomKillRecord[] | null {
    const records = readRecords();
    if (records === null) return null;
    return records.map(parseOomKillRecord).filter((kill): kill is OomKillRecord => kill !== null && kill.sequence > sequence);
  },
};

// Whole-system CPU busy and used memory from Node's os module: what SystemUsageReader reads from
// /proc/stat and /proc/meminfo, on every platform. os.cpus() gives per-core user/nice/sys/idle/irq
// milliseconds (from host_processor_info on macOS, GetSystemTimes-like counters on Windows); it has
// no steal, so steal reads 0 here. Memory used is total − free (libuv's free is MemAvailable on
// Linux, free + inactive pages on macOS).
import os from 'node:os';
import type { SystemUsage } from './system-usage.js';

interface CoreTimes {
  readonly busyMs: number;
  readonly totalMs: number;
  readonly cores: number;
}

/** Reads system CPU and memory through the os module; the same shape as SystemUsageReader. */
export class PortableSystemUsageReader {
  private previous: CoreTimes = readCoreTimes();
  private memUsedBytes = 0;

  /** CPU since the previous call (since construction for the first); memory only when `withMemory`. */
  read(withMemory = true): SystemUsage {
    const current = readCoreTimes();
    const totalMs = current.totalMs - this.previous.totalMs;
    const busyShare = totalMs > 0 ? Math.min(1, Math.max(0, (current.busyMs - this.previous.busyMs) / totalMs)) : 0;
    this.previous = current;
    if (withMemory) this.memUsedBytes = Math.max(0, os.totalmem() - os.freemem());
    return {
      cpuPercent: 100 * busyShare,
      busyCores: busyShare * current.cores,
      stealCores: 0,
      memUsedBytes: this.memUsedBytes,
    };
  }

  close(): void {
    // nothing held open
  }
}

function readCoreTimes(): CoreTimes {
  let busyMs = 0;
  let totalMs = 0;
  const cpus = os.cpus();
  for (const { times } of cpus) {
    const busy = times.user + times.nice + times.sys + times.irq;
    busyMs += busy;
    totalMs += busy + times.idle;
  }
  return { busyMs, totalMs, cores: Math.max(1, cpus.length) };
}

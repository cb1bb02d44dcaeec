// Whole-system CPU busy and used memory, read straight from /proc/stat and /proc/meminfo.
// systeminformation's si.currentLoad() keeps its previous reading in module-global state (two
// samplers in one process would corrupt each other's deltas) and costs more per call at 10 Hz;
// the fingerprint (hardware.ts) still uses systeminformation, where a call is made once.
import os from 'node:os';
import { ProcFile, readKilobytes } from './proc-files.js';

/** The whole system at one sample. */
export interface SystemUsage {
  /** CPU busy since the previous reading, 0–100 % of all cores. */
  readonly cpuPercent: number;
  /** The same as a number of cores (steal included, as the kernel counts it busy). */
  readonly busyCores: number;
  /** Cores of steal time since the previous reading: a hypervisor running other guests on our vCPUs. */
  readonly stealCores: number;
  /** MemTotal − MemAvailable: memory that cannot be reclaimed without swapping. */
  readonly memUsedBytes: number;
}

/** Reads system CPU and memory with /proc/stat and /proc/meminfo held open. */
export class SystemUsageReader {
  private previous: CpuCounters | null = null;
  private memUsedBytes = 0;
  /** Online CPUs: /proc/stat's aggregate line sums their jiffies. */
  private readonly cpuCount = Math.max(1, os.cpus().length);

  private constructor(
    private readonly stat: ProcFile | null,
    private readonly meminfo: ProcFile | null,
  ) {
    // The first read() then covers the time since open(), not since boot.
    this.updateCpu(this.stat?.readSync() ?? null);
  }

  static open(): SystemUsageReader {
    return new SystemUsageReader(ProcFile.open('/proc/stat'), ProcFile.open('/proc/meminfo'));
  }

  /**
   * CPU since the previous call (since open() for the first) and memory used; 0 where unreadable.
   * With `withMemory` false the memory figure is the last one read (meminfo costs as much as stat).
   */
  read(withMemory = true): SystemUsage {
    const statText = this.stat?.readSync() ?? null;
    if (withMemory) this.memUsedBytes = parseMemUsedBytes(this.meminfo?.readSync() ?? null);
    return { ...this.updateCpu(statText), memUsedBytes: this.memUsedBytes };
  }

  close(): void {
    this.stat?.close();
    this.meminfo?.close();
  }

  private updateCpu(statText: string | null): { cpuPercent: number; busyCores: number; stealCores: number } {
    const counters = statText === null ? null : parseCpuCounters(statText);
    if (!counters) return { cpuPercent: 0, busyCores: 0, stealCores: 0 };
    const before = this.previous ?? { busy: 0, total: 0, steal: 0 };
    this.previous = counters;
    const total = counters.total - before.total;
    if (total <= 0) return { cpuPercent: 0, busyCores: 0, stealCores: 0 };
    const busyShare = Math.min(1, Math.max(0, (counters.busy - before.busy) / total));
    const stealShare = Math.min(1, Math.max(0, (counters.steal - before.steal) / total));
    return {
      cpuPercent: 100 * busyShare,
      busyCores: busyShare * this.cpuCount,
      stealCores: stealShare * this.cpuCount,
    };
  }
}

/** Jiffies of the aggregate `cpu` line. */
export interface CpuCounters {
  /** Everything but idle and iowait (steal included). */
  readonly busy: number;
  readonly total: number;
  readonly steal: number;
}

/** Busy, total and steal jiffies from the aggregate `cpu` line (idle and iowait are not busy). */
export function parseCpuCounters(text: string): CpuCounters | null {
  const line = /^cpu\s+([\d ]+)$/m.exec(text)?.[1];
  if (!line) return null;
  // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in
  // user and nice, so only the first eight fields are summed.
  const values = line.trim().split(/\s+/).slice(0, 8).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total, steal: values[7] ?? 0 };
}

/** MemTotal − MemAvailable, in bytes; 0 when unreadable. */
export function parseMemUsedBytes(text: string | null): number {
  if (text === null) return 0;
  const total = readKilobytes(text, 'MemTotal');
  const available = readKilobytes(text, 'MemAvailable');
  return total === null || available === null ? 0 : Math.max(0, total - available);
}

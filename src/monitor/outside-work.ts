// The work beside a run: cores busy outside the run's tree and this harness, and hypervisor steal.
// Both samplers (/proc and portable) account it the same way, from the system's busy cores.
import type { SystemUsage } from './system-usage.js';

/** Totals over a run, as the run's noise figures read them. */
export interface OutsideWorkTotals {
  systemCoreMs: number;
  stealCoreMs: number;
  selfCpuMs: number;
}

/** Accounts the work outside the tree interval by interval; `totals` accumulate over the run. */
export class OutsideWorkAccount {
  readonly totals: OutsideWorkTotals = { systemCoreMs: 0, stealCoreMs: 0, selfCpuMs: 0 };
  private selfCpu = process.cpuUsage();

  /** Cores busy outside the tree and this harness over the last interval; adds to the totals. */
  account(usage: SystemUsage, elapsedMs: number, treeCpuMs: number): { outsideCores: number; stealCores: number } {
    const used = process.cpuUsage(this.selfCpu);
    this.selfCpu = process.cpuUsage();
    const selfCpuMs = (used.user + used.system) / 1000;
    this.totals.systemCoreMs += usage.busyCores * elapsedMs;
    this.totals.stealCoreMs += usage.stealCores * elapsedMs;
    this.totals.selfCpuMs += selfCpuMs;
    if (elapsedMs <= 0) return { outsideCores: 0, stealCores: 0 };
    const outsideCores = Math.max(0, usage.busyCores - usage.stealCores - (treeCpuMs + selfCpuMs) / elapsedMs);
    return { outsideCores, stealCores: usage.stealCores };
  }
}

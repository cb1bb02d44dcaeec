// Samples a process tree (the root and all its descendants) and the system, at a fixed interval,
// into a timeline. The runner starts it right after spawning a run and stops it when the run exits.
import { InputError } from '../core/errors.js';
import { TreeCpuAccount } from './cpu-account.js';
import { readClockTicksPerSecond, readPageSize } from './proc-files.js';
import { SystemUsageReader, type SystemUsage } from './system-usage.js';
import { startTickTimer, type TickTimer } from './tick-timer.js';
import { summarizeTimeline } from './timeline-summary.js';
import { TrackedProcess, type ProcessReading } from './tracked-process.js';
import type { Timeline, TimelineSample, TreeSampler, TreeSamplerOptions } from './types.js';
import { OutsideWorkAccount } from './outside-work.js';

/** Children forked by threads other than the main thread are looked for every this many samples. */
const ALL_THREADS_EVERY = 20;
/** Defaults of the sampling cadence (TreeSamplerOptions documents each). */
export const SAMPLER_DEFAULTS = { discoverEveryMs: 200, memInfoEvery: 5, pssCpuBudget: 0.002 } as const;
/** VmHWM (status) is read every this many samples; RSS comes from stat at every sample. */
const STATUS_EVERY = 5;
/** PSS (smaps_rollup) is read at most this often: the kernel walks page tables to produce it. */
const PSS_MIN_GAP_MS = 1000;

/**
 * Starts sampling the tree under rootPid; stop() takes a last sample and returns the timeline.
 * Limits (documented in the README): when the root exits and is reaped its /proc entry is gone, so
 * the root's CPU and memory after the last regular sample (at most one interval) are lost, and a
 * child that lives and dies between two samples is seen only through its parent's cutime/cstime.
 */
export function startTreeSampler(rootPid: number, options: TreeSamplerOptions): TreeSampler {
  if (!Number.isInteger(rootPid) || rootPid <= 0)
    throw new InputError(`tree sampler: rootPid must be a positive integer, got ${String(rootPid)}`);
  if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
    throw new InputError(
      `tree sampler: intervalMs must be a positive number of milliseconds, got ${String(options.intervalMs)}`,
    );
  }
  const sampling = new TreeSampling(rootPid, options.intervalMs, options.system ?? true, {
    ...SAMPLER_DEFAULTS,
    ...definedOnly(options),
  });
  let stopped: Promise<Timeline> | null = null;
  return {
    stop: () => (stopped ??= sampling.stop()),
  };
}

/** The state of one sampler: open processes, CPU account, samples so far. */
class TreeSampling {
  private readonly startMs = performance.now();
  private readonly tracked = new Map<number, TrackedProcess>();
  private readonly cpu = new TreeCpuAccount();
  private readonly samples: TimelineSample[] = [];
  private readonly system: SystemUsageReader | null;
  private readonly ticksPerSecond: Promise<number>;
  private readonly pageSize: Promise<number>;
  private readonly timer: TickTimer;
  private lastSampleMs = 0;
  private nextPssMs = 0;
  private peakProcessHwmBytes = 0;
  private sampleCount = 0;
  private stopping = false;
  private lastDiscoveryMs = 0;
  private lastAllThreadsIndex = 0;
  /** Every pid seen in the tree (the kernel's OOM-kill records name pids). */
  private readonly seenPids = new Set<number>();
  /** Cumulative core·ms outside the tree and of steal, and the harness's own CPU, for the summary. */
  private readonly outsideWork = new OutsideWorkAccount();

  private ticksPerSecondValue: number | null = null;
  private pageSizeValue: number | null = null;

  constructor(
    rootPid: number,
    private readonly intervalMs: number,
    withSystem: boolean,
    private readonly cadence: {
      readonly discoverEveryMs: number;
      readonly memInfoEvery: number;
      readonly pssCpuBudget: number;
    },
  ) {
    // The root's files are opened at once: the earlier they are held, the less a short run escapes.
    this.track(rootPid);
    this.system = withSystem ? SystemUsageReader.open() : null;
    this.ticksPerSecond = readClockTicksPerSecond();
    this.pageSize = readPageSize();
    this.timer = startTickTimer(intervalMs, () => this.sample());
  }

  async stop(): Promise<Timeline> {
    await this.timer.stop();
    this.stopping = true;
    // The final sample, as late as possible: the root is usually gone by now, its descendants may not be.
    await this.sample().catch(() => undefined);
    for (const member of this.tracked.values()) member.close();
    this.tracked.clear();
    this.system?.close();
    return {
      intervalMs: this.intervalMs,
      samples: this.samples,
      summary: summarizeTimeline({
        samples: this.samples,
        intervalMs: this.intervalMs,
        cpuTicks: this.cpu.totalTicks,
        ticksPerSecond: await this.ticksPerSecond,
        peakProcessHwmBytes: this.peakProcessHwmBytes,
        system: this.system ? this.outsideWork.totals : null,
      }),
      processIds: [...this.seenPids],
      sampler: 'proc',
    };
  }

  private async sample(): Promise<void> {
    // Awaited once, then kept: an await per sample is a microtask hop per sample.
    this.ticksPerSecondValue ??= await this.ticksPerSecond;
    this.pageSizeValue ??= await this.pageSize;
    const ticksPerSecond = this.ticksPerSecondValue;
    const pageSize = this.pageSizeValue;
    const index = this.sampleCount++;
    // The final sample (stop) always looks for children: it may be the last chance to see them.
    // (Half an interval of slack, so a 100 ms interval looks every second sample, not every third.)
    const sinceDiscoveryMs = performance.now() - this.startMs - this.lastDiscoveryMs;
    if (index === 0 || this.stopping || sinceDiscoveryMs >= this.cadence.discoverEveryMs - this.intervalMs / 2) {
      this.lastDiscoveryMs = performance.now() - this.startMs;
      const allThreads = index === 0 || index - this.lastAllThreadsIndex >= ALL_THREADS_EVERY;
      if (allThreads) this.lastAllThreadsIndex = index;
      this.discover(allThreads);
    }
    const readings = this.readAll(pageSize, index % STATUS_EVERY === 0);
    const usage = this.system?.read(index % this.cadence.memInfoEvery === 0) ?? null;
    const nowMs = performance.now() - this.startMs;
    const ticks = this.cpu.update(readings);
    const elapsedMs = nowMs - this.lastSampleMs;
    this.lastSampleMs = nowMs;
    for (const reading of readings) this.peakProcessHwmBytes = Math.max(this.peakProcessHwmBytes, reading.hwmBytes);
    const pssBytes = nowMs >= this.nextPssMs ? await this.readTreePss(readings, nowMs) : null;
    const treeCpuMs = (ticks * 1000) / ticksPerSecond;
    const outside = usage ? this.outsideWork.account(usage, elapsedMs, treeCpuMs) : null;
    this.samples.push(buildSample(nowMs, elapsedMs, treeCpuMs, readings, pssBytes, usage, outside));
  }

  /** Adds every descendant not yet tracked, level by level from the processes already tracked. */
  private discover(allThreads: boolean): void {
    let level = [...this.tracked.values()];
    while (level.length > 0) {
      const next: TrackedProcess[] = [];
      for (const parent of level) {
        for (const pid of parent.readChildren(allThreads)) {
          if (this.tracked.has(pid)) continue;
          const child = this.track(pid);
          if (child) next.push(child);
        }
      }
      level = next;
    }
  }

  private track(pid: number): TrackedProcess | null {
    const member = TrackedProcess.open(pid);
    if (member) {
      this.tracked.set(pid, member);
      this.seenPids.add(pid);
    }
    return member;
  }

  /** Reads every tracked process; a vanished one is dropped (that is not an error). */
  private readAll(pageSize: number, withStatus: boolean): ProcessReading[] {
    const alive: ProcessReading[] = [];
    for (const [pid, member] of this.tracked) {
      const reading = member.read(pageSize, withStatus);
      if (reading) {
        alive.push(reading);
      } else {
        this.tracked.delete(pid);
        member.close();
      }
    }
    return alive;
  }

  /**
   * The tree's PSS: null when a process holding memory has no readable smaps_rollup (a partial
   * sum would pass for the whole). Its CPU cost sets when it is next read, within PSS_CPU_BUDGET.
   */
  private async readTreePss(readings: readonly ProcessReading[], nowMs: number): Promise<number | null> {
    const before = process.cpuUsage();
    const values = await Promise.all(readings.map((reading) => this.tracked.get(reading.pid)?.readPssBytes() ?? null));
    const used = process.cpuUsage(before);
    const costMs = (used.user + used.system) / 1000;
    this.nextPssMs = nowMs + Math.max(PSS_MIN_GAP_MS, costMs / this.cadence.pssCpuBudget);
    let total = 0;
    for (const [index, value] of values.entries()) {
      // A zombie holds no memory and has no smaps: it adds 0, not "unknown".
      if (value === null && readings[index]!.rssBytes > 0) return null;
      total += value ?? 0;
    }
    return readings.length === 0 ? null : total;
  }
}

/** The cadence options that were given (undefined ones leave the defaults in place). */
function definedOnly(options: TreeSamplerOptions): Partial<typeof SAMPLER_DEFAULTS> {
  const { discoverEveryMs, memInfoEvery, pssCpuBudget } = options;
  return Object.fromEntries(
    Object.entries({ discoverEveryMs, memInfoEvery, pssCpuBudget }).filter(([, value]) => value !== undefined),
  );
}

function buildSample(
  tMs: number,
  elapsedMs: number,
  cpuMs: number,
  readings: readonly ProcessReading[],
  pssBytes: number | null,
  usage: SystemUsage | null,
  outside: { outsideCores: number; stealCores: number } | null,
): TimelineSample {
  return {
    tMs: Math.round(tMs * 10) / 10,
    treeCores: elapsedMs > 0 ? cpuMs / elapsedMs : 0,
    treeRssBytes: readings.reduce((sum, reading) => sum + reading.rssBytes, 0),
    treePssBytes: pssBytes,
    processes: readings.length,
    systemCpuPercent: usage?.cpuPercent ?? 0,
    systemMemUsedBytes: usage?.memUsedBytes ?? 0,
    ...(outside ? { outsideCores: round3(outside.outsideCores), stealCores: round3(outside.stealCores) } : {}),
  };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

// Samples a process tree (the root and all its descendants) and the system, at a fixed interval,
// into a timeline. The runner starts it right after spawning a run and stops it when the run exits.
import { InputError } from '../errors.js';
import { TreeCpuAccount } from './cpu-account.js';
import { readClockTicksPerSecond } from './proc-files.js';
import { SystemUsageReader, type SystemUsage } from './system-usage.js';
import { startTickTimer, type TickTimer } from './tick-timer.js';
import { summarizeTimeline } from './timeline-summary.js';
import { TrackedProcess, type ProcessReading } from './tracked-process.js';
import type { Timeline, TimelineSample, TreeSampler, TreeSamplerOptions } from './types.js';

/** Children forked by threads other than the main thread are looked for every this many samples. */
const ALL_THREADS_EVERY = 10;

/**
 * Starts sampling the tree under rootPid; stop() takes a last sample and returns the timeline.
 * Limits (documented in the README): when the root exits and is reaped its /proc entry is gone, so
 * the root's CPU and memory after the last regular sample (at most one interval) are lost, and a
 * child that lives and dies between two samples is seen only through its parent's cutime/cstime.
 */
export function startTreeSampler(rootPid: number, options: TreeSamplerOptions): TreeSampler {
  if (!Number.isInteger(rootPid) || rootPid <= 0) throw new InputError(`tree sampler: rootPid must be a positive integer, got ${String(rootPid)}`);
  if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
    throw new InputError(`tree sampler: intervalMs must be a positive number of milliseconds, got ${String(options.intervalMs)}`);
  }
  const sampling = new TreeSampling(rootPid, options.intervalMs, options.system ?? true);
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
  private readonly ready: Promise<{ ticksPerSecond: number; system: SystemUsageReader | null }>;
  private readonly timer: TickTimer;
  private lastSampleMs = 0;
  private peakProcessHwmBytes = 0;
  private sampleCount = 0;

  constructor(private readonly rootPid: number, private readonly intervalMs: number, withSystem: boolean) {
    // The root's files are opened at once: the earlier they are held, the less a short run escapes.
    this.ready = Promise.all([
      readClockTicksPerSecond(),
      withSystem ? SystemUsageReader.open() : Promise.resolve(null),
      this.track(rootPid),
    ]).then(([ticksPerSecond, system]) => ({ ticksPerSecond, system }));
    this.timer = startTickTimer(intervalMs, () => this.sample());
  }

  async stop(): Promise<Timeline> {
    await this.timer.stop();
    // The final sample, as late as possible: the root is usually gone by now, its descendants may not be.
    await this.sample().catch(() => undefined);
    const { ticksPerSecond, system } = await this.ready;
    await Promise.all([...this.tracked.values()].map((process) => process.close()));
    this.tracked.clear();
    await system?.close();
    return {
      intervalMs: this.intervalMs,
      samples: this.samples,
      summary: summarizeTimeline({
        samples: this.samples,
        intervalMs: this.intervalMs,
        cpuTicks: this.cpu.totalTicks,
        ticksPerSecond,
        peakProcessHwmBytes: this.peakProcessHwmBytes,
      }),
    };
  }

  private async sample(): Promise<void> {
    const { ticksPerSecond, system } = await this.ready;
    await this.discover(this.sampleCount++ % ALL_THREADS_EVERY === 0);
    const [readings, usage] = await Promise.all([this.readAll(), system?.read() ?? null]);
    const nowMs = performance.now() - this.startMs;
    const ticks = this.cpu.update(readings);
    const elapsedMs = nowMs - this.lastSampleMs;
    this.lastSampleMs = nowMs;
    this.samples.push(buildSample(nowMs, elapsedMs, (ticks * 1000) / ticksPerSecond, readings, usage));
    for (const reading of readings) this.peakProcessHwmBytes = Math.max(this.peakProcessHwmBytes, reading.hwmBytes);
  }

  /** Adds every descendant not yet tracked, level by level from the processes already tracked. */
  private async discover(allThreads: boolean): Promise<void> {
    if (this.tracked.size === 0) return;
    let level = [...this.tracked.values()];
    while (level.length > 0) {
      const children = (await Promise.all(level.map((process) => process.readChildren(allThreads)))).flat();
      const fresh = [...new Set(children)].filter((pid) => !this.tracked.has(pid));
      const opened = await Promise.all(fresh.map((pid) => this.track(pid)));
      level = opened.filter((process): process is TrackedProcess => process !== null);
    }
  }

  private async track(pid: number): Promise<TrackedProcess | null> {
    const process = await TrackedProcess.open(pid, true);
    if (process) this.tracked.set(pid, process);
    return process;
  }

  /** Reads every tracked process; a vanished one is dropped (that is not an error). */
  private async readAll(): Promise<ProcessReading[]> {
    const processes = [...this.tracked.values()];
    const readings = await Promise.all(processes.map((process) => process.read()));
    const alive: ProcessReading[] = [];
    for (const [index, reading] of readings.entries()) {
      const process = processes[index]!;
      if (reading) {
        alive.push(reading);
      } else {
        this.tracked.delete(process.pid);
        await process.close();
      }
    }
    return alive;
  }
}

function buildSample(
  tMs: number,
  elapsedMs: number,
  cpuMs: number,
  readings: readonly ProcessReading[],
  usage: SystemUsage | null,
): TimelineSample {
  let rss = 0;
  let pss: number | null = 0;
  for (const reading of readings) {
    rss += reading.rssBytes;
    // A zombie holds no memory and has no smaps: it adds 0, not "unknown".
    const processPss = reading.pssBytes ?? (reading.rssBytes === 0 ? 0 : null);
    pss = pss === null || processPss === null ? null : pss + processPss;
  }
  return {
    tMs: Math.round(tMs * 10) / 10,
    treeCores: elapsedMs > 0 ? cpuMs / elapsedMs : 0,
    treeRssBytes: rss,
    treePssBytes: readings.length === 0 ? null : pss,
    processes: readings.length,
    systemCpuPercent: usage?.cpuPercent ?? 0,
    systemMemUsedBytes: usage?.memUsedBytes ?? 0,
  };
}

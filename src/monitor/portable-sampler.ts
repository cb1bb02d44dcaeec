// The tree sampler where /proc is not there (macOS, Windows; Linux with THREADGATE_SAMPLER=portable):
// per-process CPU time and resident memory from pidusage (../platform/process-usage.ts), the tree
// found from parent ids in the system's process list (../platform/process-list.ts). It produces the
// same Timeline as the /proc sampler, with what it cannot see left out: no PSS (null), no VmHWM
// (peak RSS is the highest sampled tree RSS), no steal, and no reaped-children CPU, so a child that
// lives and dies between two looks at the process list is not counted at all.
//
// Its cost has a ceiling: listing every process runs `ps` (or fastlist) and reading usage runs `ps`
// on macOS and a WMI query on Windows. The list is read every `discoverEveryMs` (2 s), and each of
// the two is next done no sooner than its last wall time divided by `pollBudget` (5 %): wall time
// bounds a single-threaded helper's CPU from above, so a slow helper (WMI takes a few hundred ms)
// lowers the sampling rate instead of taking a core from the run being measured. On a quiet
// machine the ceiling does not bind and the cost is what `npm run bench:sampler-portable` prints.
import { InputError } from '../core/errors.js';
import { findDescendants, listProcesses } from '../platform/process-list.js';
import { readPlatformPaths } from '../platform/platform-paths.js';
import { readProcessUsage, type ProcessUsage } from '../platform/process-usage.js';
import { IDENTITY_TOLERANCE_MS } from '../platform/process-identity.js';
import { TreeCpuAccount, type CpuReading } from './cpu-account.js';
import { PortableSystemUsageReader } from './portable-system-usage.js';
import type { SystemUsage } from './system-usage.js';
import { startTickTimer, type TickTimer } from './tick-timer.js';
import { summarizeTimeline } from './timeline-summary.js';
import type { Timeline, TimelineSample, TreeSampler, TreeSamplerOptions } from './types.js';
import { OutsideWorkAccount } from './outside-work.js';

/** Defaults of the portable cadence (TreeSamplerOptions documents each). */
export const PORTABLE_DEFAULTS = { discoverEveryMs: 2000, memInfoEvery: 5, pollBudget: 0.05 } as const;

/** Options of the portable sampler beyond the shared ones. */
export interface PortableSamplerOptions extends TreeSamplerOptions {
  /** Most share of wall time each of listing processes and (where a helper is spawned) reading usage may take; default 0.05. */
  readonly pollBudget?: number;
}

/** Starts the portable sampler on the tree under rootPid; stop() takes a last sample and returns the timeline. */
export function startPortableSampler(rootPid: number, options: PortableSamplerOptions): TreeSampler {
  if (!Number.isInteger(rootPid) || rootPid <= 0)
    throw new InputError(`tree sampler: rootPid must be a positive integer, got ${String(rootPid)}`);
  if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
    throw new InputError(
      `tree sampler: intervalMs must be a positive number of milliseconds, got ${String(options.intervalMs)}`,
    );
  }
  const sampling = new PortableSampling(rootPid, options);
  let stopped: Promise<Timeline> | null = null;
  return { stop: () => (stopped ??= sampling.stop()) };
}

/** A tracked process: its account key changes when its pid turns out to name a new process. */
interface Member {
  key: string;
  startedAtMs: number;
}

class PortableSampling {
  private readonly startMs = performance.now();
  private readonly paths = readPlatformPaths();
  private readonly members = new Map<number, Member>();
  private readonly cpu = new TreeCpuAccount();
  private readonly samples: TimelineSample[] = [];
  private readonly seenPids = new Set<number>();
  private readonly system: PortableSystemUsageReader | null;
  private readonly timer: TickTimer;
  private readonly discoverEveryMs: number;
  private readonly memInfoEvery: number;
  private readonly pollBudget: number;
  /** pidusage runs a helper per reading off Linux (ps, WMI): then its wall time counts against the budget. */
  private readonly usageSpawnsHelper = process.platform !== 'linux';
  private readonly outsideWork = new OutsideWorkAccount();
  private nextDiscoveryMs = 0;
  private nextUsageMs = 0;
  private lastSampleMs = 0;
  /** The last system reading and what the tree used since the one before: os.cpus() is read every `memInfoEvery` samples. */
  private lastSystem: { usage: SystemUsage; outside: { outsideCores: number; stealCores: number } } | null = null;
  private sinceSystem = { elapsedMs: 0, treeCpuMs: 0 };
  private sampleCount = 0;
  private reuseCount = 0;
  private stopping = false;

  constructor(
    private readonly rootPid: number,
    private readonly options: PortableSamplerOptions,
  ) {
    this.discoverEveryMs = options.discoverEveryMs ?? PORTABLE_DEFAULTS.discoverEveryMs;
    this.memInfoEvery = options.memInfoEvery ?? PORTABLE_DEFAULTS.memInfoEvery;
    this.pollBudget = options.pollBudget ?? PORTABLE_DEFAULTS.pollBudget;
    this.members.set(rootPid, { key: `${rootPid}`, startedAtMs: Number.NaN });
    this.seenPids.add(rootPid);
    this.system = (options.system ?? true) ? new PortableSystemUsageReader() : null;
    this.timer = startTickTimer(options.intervalMs, () => this.sample());
  }

  async stop(): Promise<Timeline> {
    await this.timer.stop();
    this.stopping = true;
    await this.sample().catch(() => undefined);
    this.system?.close();
    return {
      intervalMs: this.options.intervalMs,
      samples: this.samples,
      summary: summarizeTimeline({
        samples: this.samples,
        intervalMs: this.options.intervalMs,
        cpuTicks: this.cpu.totalTicks,
        ticksPerSecond: 1000, // the account is kept in milliseconds
        peakProcessHwmBytes: 0,
        system: this.system ? this.outsideWork.totals : null,
      }),
      processIds: [...this.seenPids],
      sampler: 'portable',
    };
  }

  private async sample(): Promise<void> {
    const index = this.sampleCount++;
    const atMs = performance.now() - this.startMs;
    if (!this.stopping && index > 0 && atMs < this.nextUsageMs) return; // over budget: skip this tick
    if (index === 0 || this.stopping || atMs >= this.nextDiscoveryMs) await this.discover();
    const usageStartMs = performance.now();
    const usage = await readProcessUsage([...this.members.keys()]);
    const usageWallMs = performance.now() - usageStartMs;
    if (this.usageSpawnsHelper) this.nextUsageMs = performance.now() - this.startMs + usageWallMs / this.pollBudget;
    // A failed reading (not a gone process) says nothing: no sample, and every member kept.
    if (usage === null) return;
    const readings = this.account(usage);
    const nowMs = performance.now() - this.startMs;
    const addedMs = this.cpu.update(readings.map((reading) => reading.cpu));
    const elapsedMs = nowMs - this.lastSampleMs;
    this.lastSampleMs = nowMs;
    this.sinceSystem.elapsedMs += elapsedMs;
    this.sinceSystem.treeCpuMs += addedMs;
    if (this.system && (index % this.memInfoEvery === 0 || this.stopping)) {
      // os.cpus() costs more than a /proc read (it also reads cpuinfo and sysfs): the system is read
      // every few samples, over the window since the last reading; the samples between repeat it.
      const usage = this.system.read(true);
      this.lastSystem = {
        usage,
        outside: roundOutside(this.outsideWork.account(usage, this.sinceSystem.elapsedMs, this.sinceSystem.treeCpuMs)),
      };
      this.sinceSystem = { elapsedMs: 0, treeCpuMs: 0 };
    }
    const system = this.lastSystem?.usage ?? null;
    const outside = this.lastSystem?.outside ?? null;
    this.samples.push({
      tMs: Math.round(nowMs * 10) / 10,
      treeCores: elapsedMs > 0 ? addedMs / elapsedMs : 0,
      treeRssBytes: readings.reduce((sum, reading) => sum + reading.rssBytes, 0),
      treePssBytes: null,
      processes: readings.length,
      systemCpuPercent: system?.cpuPercent ?? 0,
      systemMemUsedBytes: system?.memUsedBytes ?? 0,
      ...(outside ?? {}),
    });
  }

  /** Adds the descendants of every tracked process (orphans stay tracked once seen) from the process list. */
  private async discover(): Promise<void> {
    const startMs = performance.now();
    const entries = await listProcesses(this.paths === 'windows' ? 'windows' : 'posix');
    const wallMs = performance.now() - startMs;
    this.nextDiscoveryMs = performance.now() - this.startMs + Math.max(this.discoverEveryMs, wallMs / this.pollBudget);
    for (const pid of findDescendants(entries, [...this.members.keys()])) {
      if (this.members.has(pid)) continue;
      this.members.set(pid, { key: `${pid}`, startedAtMs: Number.NaN });
      this.seenPids.add(pid);
    }
  }

  /** CPU readings for the account; a gone process is dropped, a reused pid gets a new key. */
  private account(usage: ReadonlyMap<number, ProcessUsage>): { cpu: CpuReading; rssBytes: number }[] {
    const readings: { cpu: CpuReading; rssBytes: number }[] = [];
    for (const [pid, member] of this.members) {
      const status = usage.get(pid);
      if (!status) {
        // The root is kept until first read: a reading can fail before the process is fully there.
        if (pid !== this.rootPid || !Number.isNaN(member.startedAtMs) || this.stopping) this.members.delete(pid);
        continue;
      }
      if (Number.isNaN(member.startedAtMs)) member.startedAtMs = status.startedAtMs;
      else if (Math.abs(status.startedAtMs - member.startedAtMs) > IDENTITY_TOLERANCE_MS) {
        member.key = `${pid}#${++this.reuseCount}`;
        member.startedAtMs = status.startedAtMs;
      }
      readings.push({
        cpu: { key: member.key, pid, ppid: status.ppid, selfTicks: status.cpuMs, reapedTicks: 0 },
        rssBytes: status.rssBytes,
      });
    }
    return readings;
  }
}

/** Outside cores to the thousandth, as the portable timeline records them. */
function roundOutside(outside: { outsideCores: number; stealCores: number }): {
  outsideCores: number;
  stealCores: number;
} {
  return { ...outside, outsideCores: Math.round(outside.outsideCores * 1000) / 1000 };
}

// One process of the sampled tree, with its /proc files held open between samples.
import { readdirSync } from 'node:fs';
import { ProcFile, parseChildren, parseProcStatus, parsePssBytes } from './proc-files.js';

/** What one process looked like at one sample. */
export interface ProcessReading {
  readonly key: string;
  readonly pid: number;
  readonly ppid: number;
  readonly selfTicks: number;
  readonly reapedTicks: number;
  readonly rssBytes: number;
  readonly hwmBytes: number;
}

/** A process in the tree; once seen it stays tracked until it exits, even if orphaned. */
export class TrackedProcess {
  private smaps: ProcFile | null | undefined;
  /** VmHWM as last read, raised by every RSS seen since: a high-water mark never falls. */
  private hwmBytes = 0;
  private statusRead = false;

  private constructor(
    readonly pid: number,
    readonly key: string,
    private readonly stat: ProcFile,
    private readonly status: ProcFile | null,
    private readonly children: ProcFile | null,
  ) {}

  /** Opens a process's files, or null when it has already gone. */
  static open(pid: number): TrackedProcess | null {
    const stat = ProcFile.open(`/proc/${pid}/stat`);
    const first = stat?.readStatSync() ?? null;
    if (!stat || !first) {
      stat?.close();
      return null;
    }
    const status = ProcFile.open(`/proc/${pid}/status`);
    const children = ProcFile.open(`/proc/${pid}/task/${pid}/children`);
    return new TrackedProcess(pid, `${pid}:${first.startTicks}`, stat, status, children);
  }

  /**
   * Reads CPU and memory; null once the process has exited and been reaped. VmHWM is read from
   * status on the first read and when `withStatus`; between those reads it is the larger of the
   * last VmHWM and every RSS read since. The kernel keeps the true mark, so the next status read
   * catches any spike the RSS samples missed — unless the process exits before it.
   */
  read(pageSize: number, withStatus: boolean): ProcessReading | null {
    const stat = this.stat.readStatSync();
    if (!stat) return null;
    const rssBytes = stat.rssPages * pageSize;
    if (withStatus || !this.statusRead) {
      this.hwmBytes = Math.max(this.hwmBytes, parseProcStatus(this.status?.readSync() ?? '').hwmBytes);
      this.statusRead = true;
    }
    this.hwmBytes = Math.max(this.hwmBytes, rssBytes);
    return {
      key: this.key,
      pid: this.pid,
      ppid: stat.ppid,
      selfTicks: stat.selfTicks,
      reapedTicks: stat.reapedTicks,
      rssBytes,
      hwmBytes: this.hwmBytes,
    };
  }

  /**
   * PSS from smaps_rollup, read asynchronously (the kernel walks the page tables); null when not
   * readable (another user's process, an old kernel) or when the process has gone or is a zombie.
   */
  async readPssBytes(): Promise<number | null> {
    if (this.smaps === undefined) this.smaps = ProcFile.open(`/proc/${this.pid}/smaps_rollup`);
    const text = await this.smaps?.readAsync();
    return text ? parsePssBytes(text) : null;
  }

  /**
   * Children forked by the main thread (the usual case: Node, Python and shells spawn from it).
   * With allThreads, children forked by any thread, at the cost of a directory read and one file
   * per thread (DuckDB processes run many), so the sampler does this only now and then.
   */
  readChildren(allThreads: boolean): number[] {
    const main = parseChildren(this.children?.readSync() ?? null);
    if (!allThreads) return main;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return main;
    }
    const found = [...main];
    for (const tid of tids) {
      if (tid === String(this.pid)) continue;
      const file = ProcFile.open(`/proc/${this.pid}/task/${tid}/children`);
      found.push(...parseChildren(file?.readSync() ?? null));
      file?.close();
    }
    return found;
  }

  close(): void {
    for (const file of [this.stat, this.status, this.children, this.smaps]) file?.close();
  }
}

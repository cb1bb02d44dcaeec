// One process of the sampled tree, with its /proc files held open between samples.
import { readdir, readFile } from 'node:fs/promises';
import { ProcFile, parseChildren, parseProcStat, parseProcStatus, parsePssBytes } from './proc-files.js';

/** What one process looked like at one sample. */
export interface ProcessReading {
  readonly key: string;
  readonly pid: number;
  readonly ppid: number;
  readonly selfTicks: number;
  readonly reapedTicks: number;
  readonly rssBytes: number;
  readonly hwmBytes: number;
  /** Null where smaps_rollup is not readable (another user's process, an old kernel). */
  readonly pssBytes: number | null;
}

/** A process in the tree; once seen it stays tracked until it exits, even if orphaned. */
export class TrackedProcess {
  private constructor(
    readonly pid: number,
    readonly key: string,
    private readonly stat: ProcFile,
    private readonly status: ProcFile | null,
    private readonly smaps: ProcFile | null,
    private readonly children: ProcFile | null,
  ) {}

  /** Opens a process's files, or null when it has already gone. */
  static async open(pid: number, readPss: boolean): Promise<TrackedProcess | null> {
    const [stat, status, smaps, children] = await Promise.all([
      ProcFile.open(`/proc/${pid}/stat`),
      ProcFile.open(`/proc/${pid}/status`),
      readPss ? ProcFile.open(`/proc/${pid}/smaps_rollup`) : Promise.resolve(null),
      ProcFile.open(`/proc/${pid}/task/${pid}/children`),
    ]);
    const first = stat ? parseProcStat((await stat.read()) ?? '') : null;
    if (!stat || !first) {
      await Promise.all([stat, status, smaps, children].map((file) => file?.close()));
      return null;
    }
    return new TrackedProcess(pid, `${pid}:${first.startTicks}`, stat, status, smaps, children);
  }

  /** Reads CPU and memory; null once the process has exited and been reaped. */
  async read(): Promise<ProcessReading | null> {
    const [statText, statusText, smapsText] = await Promise.all([
      this.stat.read(),
      this.status?.read() ?? null,
      this.smaps?.read() ?? null,
    ]);
    const stat = statText === null ? null : parseProcStat(statText);
    if (!stat) return null;
    const memory = parseProcStatus(statusText ?? '');
    return {
      key: this.key,
      pid: this.pid,
      ppid: stat.ppid,
      selfTicks: stat.selfTicks,
      reapedTicks: stat.reapedTicks,
      rssBytes: memory.rssBytes,
      hwmBytes: memory.hwmBytes,
      pssBytes: smapsText === null ? null : parsePssBytes(smapsText),
    };
  }

  /**
   * Children forked by the main thread (the usual case: Node, Python and shells spawn from it).
   * With allThreads, children forked by any thread, at the cost of a directory read and one file
   * per thread (DuckDB processes run many), so the sampler does this only now and then.
   */
  async readChildren(allThreads: boolean): Promise<number[]> {
    const main = parseChildren(await this.children?.read() ?? null);
    if (!allThreads) return main;
    const tids = await readdir(`/proc/${this.pid}/task`).catch(() => [] as string[]);
    const lists = await Promise.all(
      tids.filter((tid) => tid !== String(this.pid)).map((tid) =>
        readFile(`/proc/${this.pid}/task/${tid}/children`, 'latin1').catch(() => null)),
    );
    return [...main, ...lists.flatMap(parseChildren)];
  }

  async close(): Promise<void> {
    await Promise.all([this.stat, this.status, this.smaps, this.children].map((file) => file?.close()));
  }
}

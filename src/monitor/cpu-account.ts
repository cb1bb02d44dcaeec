// The CPU time of a process tree across samples, counting every tick once: processes appear,
// are reaped into their parent's cutime/cstime, or are orphaned, between any two samples.

/** One process's CPU counters at one sample (clock ticks). */
export interface CpuReading {
  /** pid + start time: a reused pid is a different process. */
  readonly key: string;
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime. */
  readonly selfTicks: number;
  /** cutime + cstime: children it has reaped. */
  readonly reapedTicks: number;
}

/**
 * Cumulative CPU ticks of a tree. Per process it keeps the previous reading, so a process seen for
 * the first time counts all its CPU since its start (not 0, psrecord's bug), and each later sample
 * adds only the growth. When a process vanishes, it has (normally) been reaped: its whole CPU time
 * then reappears in the cutime/cstime of its nearest living ancestor in the tree. The part already
 * counted (its last reading) is taken off that growth, so only the unseen rest (its CPU since the
 * last sample) is added. A vanished process with no living ancestor in the tree (an orphan reaped by
 * init) keeps what was counted up to its last sample: the loss is at most one interval of its CPU.
 */
export class TreeCpuAccount {
  private previous = new Map<string, CpuReading>();
  private total = 0;

  /** Cumulative ticks of the tree so far. */
  get totalTicks(): number {
    return this.total;
  }

  /** Takes one sample of the tree's living processes; returns the ticks added since the last one. */
  update(readings: readonly CpuReading[]): number {
    const current = new Map(readings.map((reading) => [reading.key, reading]));
    const credit = this.creditVanished(current);
    let added = 0;
    for (const reading of readings) {
      const before = this.previous.get(reading.key);
      const selfGrowth = Math.max(0, reading.selfTicks - (before?.selfTicks ?? 0));
      const reapedGrowth = Math.max(0, reading.reapedTicks - (before?.reapedTicks ?? 0));
      added += selfGrowth + Math.max(0, reapedGrowth - (credit.get(reading.key) ?? 0));
    }
    this.previous = current;
    this.total += added;
    return added;
  }

  /** For each living process, the ticks of its vanished descendants that were already counted. */
  private creditVanished(current: ReadonlyMap<string, CpuReading>): Map<string, number> {
    // The usual sample: nobody vanished, so there is nothing to credit (and no maps to build).
    let vanished = false;
    for (const key of this.previous.keys())
      if (!current.has(key)) {
        vanished = true;
        break;
      }
    if (!vanished) return new Map();
    const livingByPid = new Map([...current.values()].map((reading) => [reading.pid, reading]));
    const previousByPid = new Map([...this.previous.values()].map((reading) => [reading.pid, reading]));
    const credit = new Map<string, number>();
    for (const [key, gone] of this.previous) {
      if (current.has(key)) continue;
      const ancestor = findLivingAncestor(gone, livingByPid, previousByPid, current);
      if (ancestor) credit.set(ancestor.key, (credit.get(ancestor.key) ?? 0) + gone.selfTicks + gone.reapedTicks);
    }
    return credit;
  }
}

/** Walks up the last known parents until a process still alive (the same one, not a reused pid). */
function findLivingAncestor(
  gone: CpuReading,
  livingByPid: ReadonlyMap<number, CpuReading>,
  previousByPid: ReadonlyMap<number, CpuReading>,
  current: ReadonlyMap<string, CpuReading>,
): CpuReading | null {
  let parentPid = gone.ppid;
  for (let depth = 0; depth < 1024; depth++) {
    const known = previousByPid.get(parentPid);
    if (!known) return null;
    if (current.has(known.key)) return livingByPid.get(parentPid) ?? null;
    parentPid = known.ppid;
  }
  return null;
}

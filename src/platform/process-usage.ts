// CPU time and resident memory of given processes, on every platform, from pidusage: it reads
// /proc/<pid>/stat on Linux, runs `ps -o etime,pid,ppid,pcpu,rss,time -p …` on macOS (CPU time to
// the centisecond there), and queries Win32_Process (wmic or PowerShell) on Windows. The portable
// sampler and the portable process identity read processes through here and nowhere else.
import pidusage from 'pidusage';

/** One process at one reading. */
export interface ProcessUsage {
  readonly pid: number;
  readonly ppid: number;
  /** User + system CPU time of the process itself (not its reaped children), ms. */
  readonly cpuMs: number;
  readonly rssBytes: number;
  /** When it started (Date.now() scale, ms): with the pid, it names the process. */
  readonly startedAtMs: number;
}

/**
 * The processes among `pids` that exist now; a vanished one is simply absent. Null when the reading
 * itself failed (a helper that timed out or could not start): then nothing is known to have gone.
 */
export async function readProcessUsage(pids: readonly number[]): Promise<Map<number, ProcessUsage> | null> {
  const found = new Map<number, ProcessUsage>();
  if (pids.length === 0) return found;
  let statuses: Awaited<ReturnType<typeof pidusage>>;
  try {
    statuses = await pidusage([...pids]);
  } catch (error) {
    // pidusage's ENOENT: none of them exists any more. Anything else: the reading failed.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? found : null;
  }
  for (const status of Object.values(statuses)) {
    if (!status || !Number.isFinite(status.ctime) || !Number.isFinite(status.memory)) continue;
    found.set(status.pid, {
      pid: status.pid,
      ppid: status.ppid,
      cpuMs: status.ctime,
      rssBytes: status.memory,
      startedAtMs: status.timestamp - status.elapsed,
    });
  }
  return found;
}

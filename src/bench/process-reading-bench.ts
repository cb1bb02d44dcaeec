// The per-process cost of one sample, as an in-process micro-benchmark (tinybench): reading a live
// process's /proc/<pid>/stat through a kept file descriptor and parsing it from its bytes, the same
// with /proc/<pid>/status (VmHWM, read every fifth sample), and the text parser the byte parser
// replaced. Part of `npm run bench:sampler`; figures in µs per read, not assertions.
import { Bench } from 'tinybench';
import { ProcFile, parseProcStat } from '../monitor/proc-files.js';
import { TrackedProcess } from '../monitor/tracked-process.js';

/** Prints tinybench's median, p99 and mean per task, in µs, for reads of `pid` (a live process). */
export async function benchProcessReading(pid: number, pageSize: number): Promise<void> {
  const tracked = TrackedProcess.open(pid);
  const stat = ProcFile.open(`/proc/${pid}/stat`);
  if (!tracked || !stat) throw new Error(`process ${pid} is gone`);
  const bench = new Bench({ time: 1000, warmup: true });
  bench
    .add('stat from bytes (every sample)', () => void tracked.read(pageSize, false))
    .add('stat + status (every fifth sample)', () => void tracked.read(pageSize, true))
    .add('stat as text, then parsed (before)', () => void parseProcStat(stat.readSync() ?? ''));
  await bench.run();
  for (const task of bench.tasks) {
    const result = task.result;
    if (!result || !('latency' in result)) continue;
    // The median, not the mean: on a shared machine a few preempted reads dominate the mean.
    const { p50, p99, mean } = result.latency;
    console.log(
      `  ${task.name.padEnd(38)} median ${(p50! * 1000).toFixed(1)} µs, p99 ${(p99! * 1000).toFixed(1)} µs, mean ${(mean * 1000).toFixed(1)} µs`,
    );
  }
  stat.close();
}

// `npm run bench:sampler`: what the tree sampler costs. (1) Its own CPU share at 10 Hz while it
// samples an idle process tree (1 and 5 processes), from process.cpuUsage() of this process, with
// an unsampled idle period of the same length subtracted; goal < 1% of one core. The five-process
// tree is measured with the cadence before the overhead work (children looked for and meminfo read
// at every sample) and after it (the defaults), interleaved round by round, side by side; both run
// today's code (stat parsed from its bytes, no await per sample), so the gap understates the change
// since the 1.19–1.26 % measured before it. (2) The slowdown of a fixed CPU-bound child with sampling against without,
// interleaved, medians; goal ≤ 1%.
// Figures, not assertions: the machine may be shared. BENCH_SECONDS and BENCH_ROUNDS scale it.
import { median } from 'simple-statistics';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { readPageSize } from '../monitor/proc-files.js';
import { startTreeSampler } from '../monitor/tree-sampler.js';
import { benchProcessReading } from './process-reading-bench.js';
import type { TreeSamplerOptions } from '../monitor/types.js';

/** The sampling cadence before the overhead work: children and meminfo at every sample. */
const BEFORE: Partial<TreeSamplerOptions> = { discoverEveryMs: 0, memInfoEvery: 1 };
const SHARE_ROUNDS = Number(process.env.BENCH_SHARE_ROUNDS ?? 3);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const INTERVAL_MS = 100;
// About a second of single-threaded integer work on a current core: fixed work, not fixed time.
const WORKLOAD = 'let h = 0; for (let i = 0; i < 2.5e8; i++) h = (h * 31 + i) | 0; process.stdout.write(String(h));';

/** CPU ms this process used over `ms` of wall time, while `during` runs. */
async function measureOwnCpuMs(ms: number): Promise<number> {
  const before = process.cpuUsage();
  await sleep(ms);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** An idle tree: a root and `extra` idle children, in its own process group so it can be ended at once. */
function spawnIdleTree(extra: number): ChildProcess {
  const code = `const { spawn } = require('node:child_process');
for (let i = 0; i < ${extra}; i++) spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
setInterval(() => {}, 1e6);`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore', detached: true });
}

/** The floor: what merely waking up at 10 Hz costs this process (an empty setInterval). */
async function measureWakeupShare(): Promise<void> {
  const timer = setInterval(() => undefined, INTERVAL_MS);
  const cpuMs = await measureOwnCpuMs(SECONDS * 1000);
  clearInterval(timer);
  console.log(
    `  floor: an empty ${INTERVAL_MS} ms setInterval costs ${((cpuMs / (SECONDS * 1000)) * 100).toFixed(2)} % of one core here (${((cpuMs * 1000 * INTERVAL_MS) / (SECONDS * 1000)).toFixed(0)} µs per wake-up)`,
  );
}

/** One measurement: the sampler's CPU share over SECONDS, an idle period of the same length subtracted. */
async function measureShare(
  rootPid: number,
  cadence: Partial<TreeSamplerOptions>,
): Promise<{ share: number; samples: number; processes: number }> {
  const idleCpuMs = await measureOwnCpuMs(SECONDS * 1000);
  const sampler = startTreeSampler(rootPid, { intervalMs: INTERVAL_MS, ...cadence });
  const samplingCpuMs = await measureOwnCpuMs(SECONDS * 1000);
  const timeline = await sampler.stop();
  return {
    share: (samplingCpuMs - idleCpuMs) / (SECONDS * 1000),
    samples: timeline.samples.length,
    processes: Math.max(...timeline.samples.map((sample) => sample.processes)),
  };
}

const percent = (share: number): string => `${(share * 100).toFixed(2)} %`;

async function measureSamplerShare(processes: number): Promise<void> {
  const tree = spawnIdleTree(processes - 1);
  try {
    await sleep(1500); // let the tree form
    // Warm-up, not measured: the clock-tick rate (getconf, once per process) and JIT compilation
    // are paid once per threadgate process, not per sample.
    await startTreeSampler(tree.pid!, { intervalMs: INTERVAL_MS }).stop();
    if (processes === 1) {
      const { share, samples, processes: seen } = await measureShare(tree.pid!, {});
      console.log(
        `  tree of ${seen} process: ${samples} samples in ${SECONDS} s = ${percent(share)} of one core, ${((share * SECONDS * 1e6) / samples).toFixed(0)} µs per sample`,
      );
      return;
    }
    // Before and after side by side: interleaved, the order alternating, so drift hits both alike.
    const before: number[] = [];
    const after: number[] = [];
    let seen = 0;
    for (let round = 0; round < SHARE_ROUNDS; round++) {
      for (const which of round % 2 === 0 ? ['before', 'after'] : ['after', 'before']) {
        const result = await measureShare(tree.pid!, which === 'before' ? BEFORE : {});
        (which === 'before' ? before : after).push(result.share);
        seen = result.processes;
      }
    }
    console.log(
      `  tree of ${seen} processes, ${SHARE_ROUNDS} interleaved rounds of ${SECONDS} s each (share of one core; median [rounds]):`,
    );
    console.log(
      `    before (children and meminfo at every sample): ${percent(median(before))}  [${before.map(percent).join(', ')}]`,
    );
    console.log(
      `    after  (children every 2nd, meminfo every 5th): ${percent(median(after))}  [${after.map(percent).join(', ')}]`,
    );
  } finally {
    process.kill(-tree.pid!, 'SIGKILL');
  }
}

/** Wall ms of the fixed workload, sampled or not. */
async function runWorkload(sampled: boolean): Promise<number> {
  const startMs = performance.now();
  const child = spawn(process.execPath, ['-e', WORKLOAD], { stdio: 'ignore' });
  const sampler = sampled ? startTreeSampler(child.pid!, { intervalMs: INTERVAL_MS }) : null;
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const wallMs = performance.now() - startMs;
  await sampler?.stop();
  return wallMs;
}

async function main(): Promise<void> {
  console.log(
    `sampler benchmark: ${INTERVAL_MS} ms interval, ${os.availableParallelism()} logical cores, load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log('(1) sampler CPU share (goal < 1 % of one core):');
  await measureWakeupShare();
  await measureSamplerShare(1);
  await measureSamplerShare(5);

  console.log('(1b) one process read, in-process (tinybench):');
  const idle = spawnIdleTree(0);
  await sleep(200);
  await benchProcessReading(idle.pid!, await readPageSize());
  idle.kill('SIGKILL');

  console.log(`(2) fixed CPU-bound child, ${ROUNDS} interleaved rounds (goal slowdown ≤ 1 %):`);
  await runWorkload(false); // warm the file cache and the CPU frequency
  const plain: number[] = [];
  const sampled: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so drift within a round hits both alike.
    for (const withSampler of round % 2 === 0 ? [false, true] : [true, false]) {
      (withSampler ? sampled : plain).push(await runWorkload(withSampler));
    }
  }
  const plainMs = median(plain);
  const sampledMs = median(sampled);
  console.log(`  without sampler: median ${plainMs.toFixed(0)} ms  [${plain.map((ms) => ms.toFixed(0)).join(', ')}]`);
  console.log(
    `  with sampler:    median ${sampledMs.toFixed(0)} ms  [${sampled.map((ms) => ms.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `  slowdown: ${(((sampledMs - plainMs) / plainMs) * 100).toFixed(2)} % (load ${os.loadavg()[0]!.toFixed(2)} at the end)`,
  );
}

await main();

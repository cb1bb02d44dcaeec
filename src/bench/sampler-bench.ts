// `npm run bench:sampler`: what the tree sampler costs. (1) Its own CPU share at 10 Hz while it
// samples an idle process tree (1 and 5 processes), from process.cpuUsage() of this process, with
// an unsampled idle period of the same length subtracted; goal < 1% of one core. (2) The slowdown
// of a fixed CPU-bound child with sampling against without, interleaved, medians; goal ≤ 1%.
// Figures, not assertions: the machine may be shared. BENCH_SECONDS and BENCH_ROUNDS scale it.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTreeSampler } from '../monitor/tree-sampler.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const INTERVAL_MS = 100;
// About a second of single-threaded integer work on a current core: fixed work, not fixed time.
const WORKLOAD = 'let h = 0; for (let i = 0; i < 2.5e8; i++) h = (h * 31 + i) | 0; process.stdout.write(String(h));';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

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
  console.log(`  floor: an empty ${INTERVAL_MS} ms setInterval costs ${((cpuMs / (SECONDS * 1000)) * 100).toFixed(2)} % of one core here (${((cpuMs * 1000 * INTERVAL_MS) / (SECONDS * 1000)).toFixed(0)} µs per wake-up)`);
}

async function measureSamplerShare(processes: number): Promise<void> {
  const tree = spawnIdleTree(processes - 1);
  try {
    await sleep(1500); // let the tree form
    // Warm-up, not measured: the clock-tick rate (getconf, once per process) and JIT compilation
    // are paid once per threadgate process, not per sample.
    await startTreeSampler(tree.pid!, { intervalMs: INTERVAL_MS }).stop();
    const idleCpuMs = await measureOwnCpuMs(SECONDS * 1000);
    const sampler = startTreeSampler(tree.pid!, { intervalMs: INTERVAL_MS });
    const samplingCpuMs = await measureOwnCpuMs(SECONDS * 1000);
    const timeline = await sampler.stop();
    const seen = Math.max(...timeline.samples.map((sample) => sample.processes));
    const share = (samplingCpuMs - idleCpuMs) / (SECONDS * 1000);
    const perSampleUs = ((samplingCpuMs - idleCpuMs) * 1000) / timeline.samples.length;
    console.log(`  tree of ${seen} process(es): ${timeline.samples.length} samples in ${SECONDS} s, sampler CPU ${(samplingCpuMs - idleCpuMs).toFixed(0)} ms `
      + `(idle ${idleCpuMs.toFixed(0)} ms subtracted) = ${(share * 100).toFixed(2)} % of one core, ${perSampleUs.toFixed(0)} µs per sample`);
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
  console.log(`sampler benchmark: ${INTERVAL_MS} ms interval, ${os.availableParallelism()} logical cores, load ${os.loadavg()[0]!.toFixed(2)}`);
  console.log('(1) sampler CPU share (goal < 1 % of one core):');
  await measureWakeupShare();
  await measureSamplerShare(1);
  await measureSamplerShare(5);

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
  console.log(`  with sampler:    median ${sampledMs.toFixed(0)} ms  [${sampled.map((ms) => ms.toFixed(0)).join(', ')}]`);
  console.log(`  slowdown: ${(((sampledMs - plainMs) / plainMs) * 100).toFixed(2)} % (load ${os.loadavg()[0]!.toFixed(2)} at the end)`);
}

await main();

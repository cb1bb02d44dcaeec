// `npm run bench:sampler-portable`: the portable sampler (pidusage + the process list) beside the
// /proc sampler. (1) Agreement: the same runs of the built-in orchestrator, each watched by both
// samplers at once from its spawn to its exit; per run and overall, mean cores and peak RSS of the
// portable sampler against the /proc sampler's (goal: within 5 %). (2) Cost: the portable sampler's
// CPU share at 10 Hz on an idle five-process tree, its own (process.cpuUsage) plus the helpers it
// runs (`ps`: the reaped-children CPU of this process, /proc/self/stat), an idle period of the
// same length subtracted, beside the /proc sampler's; goal < 2 % of one core.
// Off Linux (CI's macOS and Windows jobs) only the portable sampler's own CPU is measured: there is
// no /proc sampler to compare with and no reaped-children figure for the helpers it runs.
// Figures, not assertions: the machine may be shared; the load is printed with them.
// BENCH_ROUNDS (runs, default 4), BENCH_EMPLOYEES (default 20000), BENCH_SECONDS (cost, default 10),
// BENCH_SHARE_ROUNDS (cost rounds, the two samplers interleaved, order alternating; default 3).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { median } from 'simple-statistics';
import { startPortableSampler } from '../monitor/portable-sampler.js';
import { startTreeSampler } from '../monitor/tree-sampler.js';
import type { Timeline, TreeSampler } from '../monitor/types.js';
import { CLI_ENTRY } from '../core/package-info.js';
import { selectTreeKiller } from '../runner/select-tree-killer.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 20000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SHARE_ROUNDS = Number(process.env.BENCH_SHARE_ROUNDS ?? 3);
const INTERVAL_MS = 100;

const load = (): string =>
  `load ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
const percent = (share: number): string => `${(share * 100).toFixed(2)} %`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const gap = (portable: number, proc: number): number => (proc === 0 ? 0 : (portable - proc) / proc);

/** CPU ms of this process's reaped children so far (the `ps` the portable sampler runs); NaN off Linux. */
function readReapedChildrenMs(): number {
  if (process.platform !== 'linux') return Number.NaN;
  const text = readFileSync('/proc/self/stat', 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/** One run of the built-in orchestrator watched by both samplers from the moment it exists. */
async function runWatchedByBoth(
  threads: number,
  database: string,
  portableFirst: boolean,
): Promise<{ proc: Timeline; portable: Timeline }> {
  const child = spawn(
    process.execPath,
    [
      CLI_ENTRY,
      'simulate',
      '--threads',
      String(threads),
      '--mode',
      'aggressive',
      '--years',
      '2025-2027',
      '--employees',
      String(EMPLOYEES),
      '--seed',
      '42',
      '--database',
      database,
    ],
    { stdio: 'ignore' },
  );
  const start = (which: 'proc' | 'portable'): TreeSampler =>
    which === 'proc'
      ? startTreeSampler(child.pid!, { intervalMs: INTERVAL_MS })
      : startPortableSampler(child.pid!, { intervalMs: INTERVAL_MS });
  const [first, second] = portableFirst ? (['portable', 'proc'] as const) : (['proc', 'portable'] as const);
  const samplers = { [first]: start(first), [second]: start(second) } as Record<'proc' | 'portable', TreeSampler>;
  await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const [proc, portable] = await Promise.all([samplers.proc.stop(), samplers.portable.stop()]);
  return { proc, portable };
}

async function benchAgreement(): Promise<void> {
  console.log(
    `(1) agreement: ${ROUNDS} runs of the built-in orchestrator (${EMPLOYEES} employees, 2025-2027, aggressive), both samplers on each run at ${INTERVAL_MS} ms (goal: within 5 %)`,
  );
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-sampler-agree-'));
  const coreGaps: number[] = [];
  const rssGaps: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const threads = round % 2 === 0 ? 2 : 1;
      const { proc, portable } = await runWatchedByBoth(
        threads,
        path.join(dir, `run-${round}.duckdb`),
        round % 2 === 1,
      );
      const cores = gap(portable.summary.meanCores, proc.summary.meanCores);
      const rss = gap(portable.summary.peakRssBytes, proc.summary.peakRssBytes);
      coreGaps.push(cores);
      rssGaps.push(rss);
      console.log(
        `  run ${round + 1} (${threads} threads, ${((proc.samples.at(-1)?.tMs ?? 0) / 1000) | 0} s): mean cores proc ${proc.summary.meanCores.toFixed(3)} portable ${portable.summary.meanCores.toFixed(3)} (${percent(cores)});` +
          ` peak RSS proc ${mib(proc.summary.peakRssBytes)} portable ${mib(portable.summary.peakRssBytes)} (${percent(rss)});` +
          ` samples ${proc.samples.length} / ${portable.samples.length}; ${load()}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const worst = (gaps: number[]): number => Math.max(...gaps.map(Math.abs));
  console.log(
    `  mean cores: median gap ${percent(median(coreGaps))}, worst ${percent(worst(coreGaps))}; peak RSS: median gap ${percent(median(rssGaps))}, worst ${percent(worst(rssGaps))}`,
  );
}

/** An idle tree: a root and four idle children, in its own process group. */
function spawnIdleTree(): ChildProcess {
  const code = `const { spawn } = require('node:child_process');
for (let i = 0; i < 4; i++) spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
setInterval(() => {}, 1e6);`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore', detached: true });
}

/** CPU ms (own, and of reaped helpers) over SECONDS while `sampler` (if any) runs. */
async function measureCost(
  startSampler: (() => TreeSampler) | null,
): Promise<{ ownMs: number; helperMs: number; samples: number; processes: number }> {
  const own = process.cpuUsage();
  const helpers = readReapedChildrenMs();
  const sampler = startSampler?.() ?? null;
  await sleep(SECONDS * 1000);
  const timeline = await sampler?.stop();
  const used = process.cpuUsage(own);
  return {
    ownMs: (used.user + used.system) / 1000,
    helperMs: readReapedChildrenMs() - helpers,
    samples: timeline?.samples.length ?? 0,
    processes: Math.max(0, ...(timeline?.samples.map((sample) => sample.processes) ?? [])),
  };
}

async function benchCost(): Promise<void> {
  console.log(
    `(2) cost at ${INTERVAL_MS} ms on an idle five-process tree, ${SECONDS} s each, interleaved with an idle period (goal: portable < 2 % of one core)`,
  );
  const tree = spawnIdleTree();
  try {
    await sleep(1500);
    await startPortableSampler(tree.pid!, { intervalMs: INTERVAL_MS }).stop(); // warm-up: JIT, getconf
    const kinds = process.platform === 'linux' ? (['proc', 'portable'] as const) : (['portable'] as const);
    const totals: Record<string, number[]> = { proc: [], portable: [] };
    for (let round = 0; round < SHARE_ROUNDS; round++) {
      for (const which of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        const idle = await measureCost(null);
        const start = () =>
          which === 'proc'
            ? startTreeSampler(tree.pid!, { intervalMs: INTERVAL_MS })
            : startPortableSampler(tree.pid!, { intervalMs: INTERVAL_MS });
        const run = await measureCost(start);
        const ownShare = (run.ownMs - idle.ownMs) / (SECONDS * 1000);
        const helperShare = (run.helperMs - idle.helperMs) / (SECONDS * 1000);
        totals[which]!.push(Number.isNaN(helperShare) ? ownShare : ownShare + helperShare);
        const helpers = Number.isNaN(helperShare)
          ? 'helpers not measured here'
          : `helpers ${percent(helperShare)} = ${percent(ownShare + helperShare)}`;
        console.log(
          `  round ${round + 1} ${which.padEnd(8)} ${run.samples} samples of ${run.processes} processes: own ${percent(ownShare)} + ${helpers} of one core; ${load()}`,
        );
      }
    }
    for (const which of kinds)
      console.log(
        `  ${which}: median ${percent(median(totals[which]!))} of one core [${totals[which]!.map(percent).join(', ')}]`,
      );
  } finally {
    await selectTreeKiller().killTree(tree.pid!, 'SIGKILL');
  }
}

console.log(`portable sampler benchmark: ${os.availableParallelism()} logical cores, ${load()}`);
if (process.platform === 'linux') await benchAgreement();
else console.log('(1) agreement: needs the /proc sampler beside it, so Linux only');
await benchCost();

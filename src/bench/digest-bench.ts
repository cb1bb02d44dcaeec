// `npm run bench:digest`: what digesting costs. (1) On the reference orchestrator's 100,000-employee ×
// 5-year output (built once, cached under the system temp folder), side by side in interleaved rounds:
// DuckDB's native `sum(hash(*COLUMNS(*)))` over both tables, the fast digest without and with column
// digests, and the md5 digest; each round's own ratio to the native aggregate, then their median (goal:
// fast ≤ 3×). (2) With BENCH_MATRIX=1, a 50,000-employee matrix (9 runs, and the reference
// configuration its plan adds) through the real CLI: the
// harness's own time between runs from the journal's startedAt + wallMs (goal ≤ 5% of the runs' time)
// and the harness process's peak RSS from /proc (goal ≤ 200 MB), and its digest worker's beside it.
// Plain timing, not tinybench: tinybench runs one task's iterations back to back, so on a shared
// machine load drifts between tasks; interleaved rounds give ratios measured under the same load.
// Figures, not assertions. BENCH_ROUNDS scales (1), 0 skips it; BENCH_EMPLOYEES changes the census.
import { median } from 'simple-statistics';
import { spawn } from 'node:child_process';
import { access, mkdir, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { digestDatabase, DEFAULT_TABLES } from '../digest/digest-database.js';
import { attachDatabase, openSession } from '../duckdb/session.js';
import { PACKAGE_ROOT } from '../core/package-info.js';
import { HARNESS_DIGEST_LIMITS } from '../runner/digest-run.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');

async function readPeakRssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

// The harness's digest worker: its child whose command line names digest-worker.
async function findDigestWorker(pid: number): Promise<number | null> {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => ''))
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  for (const child of children) {
    if ((await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '')).includes('digest-worker'))
      return Number(child);
  }
  return null;
}

/** Runs the CLI to completion, sampling its own peak RSS (and its digest worker's) meanwhile. */
function runCli(
  args: readonly string[],
): Promise<{ exitCode: number | null; peakRssBytes: number; workerPeakRssBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    let peakRssBytes = 0;
    let workerPeakRssBytes = 0;
    let worker: number | null = null;
    // VmHWM is each process's own high-water mark (children are other processes): the last read wins.
    const timer = setInterval(() => {
      void (async () => {
        peakRssBytes = Math.max(peakRssBytes, await readPeakRssBytes(child.pid!));
        worker ??= await findDigestWorker(child.pid!);
        if (worker !== null) workerPeakRssBytes = Math.max(workerPeakRssBytes, await readPeakRssBytes(worker));
      })();
    }, 100);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearInterval(timer);
      resolve({ exitCode, peakRssBytes, workerPeakRssBytes });
    });
  });
}

async function ensureDatabase(): Promise<string> {
  const folder = path.join(os.tmpdir(), 'threadgate-bench');
  const file = path.join(folder, `reference-${EMPLOYEES}x2025-2029-seed42.duckdb`);
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  await mkdir(folder, { recursive: true });
  console.log(
    `building ${file} (once; simulate --employees ${EMPLOYEES} --years 2025-2029 --threads 2 --mode aggressive)…`,
  );
  const { exitCode } = await runCli([
    'simulate',
    '--employees',
    String(EMPLOYEES),
    '--years',
    '2025-2029',
    '--threads',
    '2',
    '--mode',
    'aggressive',
    '--database',
    file,
  ]);
  if (exitCode !== 0) throw new Error(`simulate exited ${exitCode}`);
  return file;
}

/** DuckDB's own row hash over every column, summed: the floor a digest is measured against. */
async function nativeAggregate(database: string): Promise<void> {
  const session = await openSession(HARNESS_DIGEST_LIMITS);
  try {
    await attachDatabase(session, database, 'db');
    for (const table of Object.keys(DEFAULT_TABLES)) {
      await session.connection.runAndReadAll(`SELECT sum(hash(*COLUMNS(*)))::HUGEINT FROM db.main."${table}"`);
    }
  } finally {
    session.close();
  }
}

async function timeMs(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

async function benchDigests(database: string): Promise<void> {
  const tasks: [string, () => Promise<unknown>][] = [
    ['native sum(hash(*COLUMNS(*)))', () => nativeAggregate(database)],
    [
      'fast digest',
      () => digestDatabase(database, DEFAULT_TABLES, { ...HARNESS_DIGEST_LIMITS, kind: 'fast', columns: false }),
    ],
    [
      'fast digest + column digests',
      () => digestDatabase(database, DEFAULT_TABLES, { ...HARNESS_DIGEST_LIMITS, kind: 'fast', columns: true }),
    ],
    [
      'md5 digest',
      () => digestDatabase(database, DEFAULT_TABLES, { ...HARNESS_DIGEST_LIMITS, kind: 'stable', columns: false }),
    ],
  ];
  if (process.env.BENCH_MD5_COLUMNS === '1') {
    tasks.push([
      'md5 digest + column digests',
      () => digestDatabase(database, DEFAULT_TABLES, { ...HARNESS_DIGEST_LIMITS, kind: 'stable', columns: true }),
    ]);
  }
  await nativeAggregate(database); // warm the page cache, not measured
  const times = tasks.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, [, task]] of tasks.entries()) times[index]!.push(await timeMs(task));
    console.log(
      `  round ${round + 1}/${ROUNDS}: ${times.map((t) => `${(t[round]! / 1000).toFixed(2)} s`).join(' | ')}`,
    );
  }
  console.log(`\n${'digest'.padEnd(32)} ${'median'.padStart(9)}  × native (median of per-round ratios)`);
  tasks.forEach(([name], index) => {
    const ratios = times[index]!.map((ms, round) => ms / times[0]![round]!);
    console.log(
      `${name.padEnd(32)} ${`${(median(times[index]!) / 1000).toFixed(2)} s`.padStart(9)}  ×${median(ratios).toFixed(2)}`,
    );
  });
}

interface JournalLine {
  readonly startedAt: string;
  readonly wallMs: number;
}

async function benchMatrix(): Promise<void> {
  const out = path.join(os.tmpdir(), 'threadgate-bench', 'matrix-runs');
  await mkdir(out, { recursive: true });
  const before = new Set(await readdir(out));
  const args = [
    'run',
    path.join(PACKAGE_ROOT, 'matrices', 'tuning.yaml'),
    '--threads',
    '1,2,4',
    '--modes',
    'aggressive',
    '--reps',
    '3',
    '--warmup',
    '0',
    '--out',
    out,
    '--quiet',
    '--no-baseline',
  ];
  console.log(`\nthreadgate ${args.join(' ')}`);
  const startedMs = Date.now();
  const { exitCode, peakRssBytes, workerPeakRssBytes } = await runCli(args);
  const endedMs = Date.now();
  const runDir = (await readdir(out)).find((name) => !before.has(name));
  if (!runDir) throw new Error(`no run directory appeared in ${out} (exit ${exitCode})`);
  const lines = (await readFile(path.join(out, runDir, 'journal.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalLine);
  const runs = lines
    .map((line) => ({ startMs: Date.parse(line.startedAt), wallMs: line.wallMs }))
    .sort((a, b) => a.startMs - b.startMs);
  const runsMs = runs.reduce((sum, run) => sum + run.wallMs, 0);
  const gapsMs = runs.slice(1).map((run, index) => run.startMs - (runs[index]!.startMs + runs[index]!.wallMs));
  const lastEndMs = runs.at(-1)!.startMs + runs.at(-1)!.wallMs;
  console.log(`exit ${exitCode}; ${runs.length} runs, ${(runsMs / 1000).toFixed(1)} s of runs`);
  console.log(
    `between runs: ${(gapsMs.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s in all (${gapsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s) = ${((gapsMs.reduce((a, b) => a + b, 0) / runsMs) * 100).toFixed(1)} % of the runs' time (goal ≤ 5 %)`,
  );
  const beforeMs = runs[0]!.startMs - startedMs;
  const afterMs = endedMs - lastEndMs;
  console.log(
    `before the first run ${(beforeMs / 1000).toFixed(1)} s (start-up, the digest worker's load), after the last ${(afterMs / 1000).toFixed(1)} s (the reference run's md5 digest, final reports)`,
  );
  const allMs = beforeMs + gapsMs.reduce((a, b) => a + b, 0) + afterMs;
  console.log(
    `everything the harness added, start to end: ${(allMs / 1000).toFixed(1)} s = ${((allMs / runsMs) * 100).toFixed(1)} % of the runs' time`,
  );
  console.log(
    `harness process peak RSS: ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB (goal ≤ 200 MB); its digest worker's: ${(workerPeakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
}

async function main(): Promise<void> {
  console.log(
    `load: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' ',
      )} on ${os.cpus().length} cores; digesting instance: ${HARNESS_DIGEST_LIMITS.threads} threads, memory_limit ${HARNESS_DIGEST_LIMITS.memoryLimit}`,
  );
  const database = await ensureDatabase();
  if (ROUNDS > 0) {
    console.log(`${database}: ${ROUNDS} interleaved rounds`);
    await benchDigests(database);
  }
  if (process.env.BENCH_MATRIX === '1') await benchMatrix();
}

await main();

// `npm run bench:startup`: what the harness costs at both ends, side by side in interleaved rounds
// (the machine is shared: ratios are taken within a round, then their median). Prints:
//   (1) `threadgate --version` and `--help`: wall time and the process's own peak RSS, beside `node -e 0`;
//   (2) `threadgate digest DB` of the 1.57 M-row database (bench:digest's, built once) as a process,
//       beside the same fast digest in-process;
//   (3) `threadgate digest --stable DB` as a process and the md5 digest in-process, each as a ratio
//       to DuckDB's native sum(hash(*COLUMNS(*))) in-process (goal ≤ 10×);
//   (4) with BENCH_MATRIX=1, a 30,000-employee matrix of 7 runs through the CLI: what the harness adds
//       start to end over the runs' own time (goal ≤ 5 %).
// Each figure is printed with the machine's load. Figures, not assertions.
import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { median } from 'simple-statistics';
import { PACKAGE_ROOT } from '../core/package-info.js';
import { DEFAULT_TABLES, digestDatabase } from '../digest/digest-database.js';
import { attachDatabase, openSession } from '../duckdb/session.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');
const DATABASE = path.join(os.tmpdir(), 'threadgate-bench', 'reference-100000x2025-2029-seed42.duckdb');

function load(): string {
  return `load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;
}

// The child's own peak RSS: a preloaded module writes process.resourceUsage().maxRSS (KiB) at exit.
async function writeRssProbe(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-startup-')), 'rss-probe.mjs');
  // Synchronous: an exit handler cannot await.
  await writeFile(
    file,
    "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { try { writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n",
  );
  return file;
}

/** Runs node with `args`, returning wall ms and peak RSS MiB. */
function timeNode(
  args: readonly string[],
  probe: string,
): Promise<{ wallMs: number; rssMiB: number; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', probe, ...args], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    let rss = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      rss += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({ wallMs: performance.now() - start, rssMiB: Number(rss) / 1024, exitCode }),
    );
  });
}

async function timeMs(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

async function nativeHash(database: string): Promise<void> {
  const session = await openSession({});
  try {
    await attachDatabase(session, database, 'db');
    for (const table of Object.keys(DEFAULT_TABLES))
      await session.connection.runAndReadAll(`SELECT sum(hash(*COLUMNS(*)))::HUGEINT FROM db.main."${table}"`);
  } finally {
    session.close();
  }
}

function printRows(title: string, names: readonly string[], times: readonly number[][], against: number | null): void {
  console.log(`\n${title} (${load()})`);
  names.forEach((name, index) => {
    const ratio =
      against === null
        ? ''
        : `  ×${median(times[index]!.map((ms, round) => ms / times[against]![round]!)).toFixed(2)} (median of per-round ratios)`;
    console.log(`  ${name.padEnd(44)} median ${(median(times[index]!) / 1000).toFixed(3)} s${ratio}`);
  });
}

async function benchStartup(probe: string): Promise<void> {
  const tasks: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['threadgate --version', [CLI, '--version']],
    ['threadgate --help', [CLI, '--help']],
  ];
  const wall = tasks.map(() => [] as number[]);
  const rss = tasks.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, [, args]] of tasks.entries()) {
      const result = await timeNode(args, probe);
      wall[index]!.push(result.wallMs);
      rss[index]!.push(result.rssMiB);
    }
  }
  console.log(`\n(1) start-up, ${ROUNDS} interleaved rounds (${load()})`);
  for (const [index, [name]] of tasks.entries()) {
    console.log(
      `  ${name.padEnd(24)} median ${(median(wall[index]!) / 1000).toFixed(3)} s, peak RSS ${median(rss[index]!).toFixed(0)} MiB`,
    );
  }
}

async function benchDigest(probe: string): Promise<void> {
  await access(DATABASE).catch(() => {
    throw new Error(`${DATABASE} is missing: build it once with npm run bench:digest`);
  });
  await nativeHash(DATABASE); // warm the page cache, not measured
  const tasks: [string, () => Promise<unknown>][] = [
    ['native sum(hash(*COLUMNS(*))) in-process', () => nativeHash(DATABASE)],
    ['fast digest in-process', () => digestDatabase(DATABASE, DEFAULT_TABLES, { kind: 'fast', columns: false })],
    ['threadgate digest DB (a process)', () => timeNode([CLI, 'digest', DATABASE], probe)],
    ['md5 digest in-process', () => digestDatabase(DATABASE, DEFAULT_TABLES, { kind: 'stable', columns: false })],
    ['threadgate digest --stable DB (a process)', () => timeNode([CLI, 'digest', '--stable', DATABASE], probe)],
  ];
  const times = tasks.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, [, task]] of tasks.entries()) times[index]!.push(await timeMs(task));
    console.log(
      `  round ${round + 1}/${ROUNDS}: ${times.map((t) => `${(t[round]! / 1000).toFixed(2)} s`).join(' | ')}  (${load()})`,
    );
  }
  printRows(
    `(2, 3) digests of ${DATABASE} (1.57 M rows), ${ROUNDS} interleaved rounds; × native`,
    tasks.map(([name]) => name),
    times,
    0,
  );
}

interface JournalLine {
  readonly startedAt: string;
  readonly wallMs: number;
}

async function benchMatrix(): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'tg-startup-matrix-'));
  const matrix = path.join(folder, 'startup-30k.yaml');
  // 7 thread counts × 1 mode × 1 repetition = 7 runs; no baseline, so no md5 digest is taken.
  await writeFile(
    matrix,
    [
      'name: startup-30k',
      'target: { kind: builtin, employees: 30000, years: 2025-2029, seed: 42 }',
      'threads: [1, 2, 3, 4, 5, 6, 8]',
      'modes: [aggressive]',
      'repetitions: 1',
      'warmup: 0',
      'reference: { threads: 1, mode: aggressive }',
      'timeout: 10m',
    ].join('\n'),
  );
  const out = path.join(folder, 'out');
  await mkdir(out);
  const args = [CLI, 'run', matrix, '--out', out, '--quiet', '--no-baseline'];
  console.log(`\n(4) threadgate ${args.slice(1).join(' ')} (${load()} at the start)`);
  const startedMs = Date.now();
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const endedMs = Date.now();
  const [runDir] = await readdir(out);
  if (!runDir) throw new Error(`no run directory in ${out} (exit ${exitCode})`);
  const runs = (await readFile(path.join(out, runDir, 'journal.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalLine)
    .map((line) => ({ startMs: Date.parse(line.startedAt), wallMs: line.wallMs }))
    .sort((a, b) => a.startMs - b.startMs);
  const runsMs = runs.reduce((sum, run) => sum + run.wallMs, 0);
  const gapsMs = runs
    .slice(1)
    .reduce((sum, run, index) => sum + run.startMs - (runs[index]!.startMs + runs[index]!.wallMs), 0);
  const beforeMs = runs[0]!.startMs - startedMs;
  const afterMs = endedMs - (runs.at(-1)!.startMs + runs.at(-1)!.wallMs);
  const addedMs = endedMs - startedMs - runsMs;
  const pct = (ms: number) => `${((ms / runsMs) * 100).toFixed(1)} %`;
  console.log(`  exit ${exitCode}; ${runs.length} runs, ${(runsMs / 1000).toFixed(1)} s of runs; ${load()} at the end`);
  console.log(
    `  before the first run ${(beforeMs / 1000).toFixed(2)} s (${pct(beforeMs)}), between runs ${(gapsMs / 1000).toFixed(2)} s (${pct(gapsMs)}), after the last ${(afterMs / 1000).toFixed(2)} s (${pct(afterMs)})`,
  );
  console.log(
    `  the harness added, start to end: ${(addedMs / 1000).toFixed(2)} s = ${pct(addedMs)} of the runs' time (goal ≤ 5 %)`,
  );
}

async function main(): Promise<void> {
  const probe = await writeRssProbe();
  console.log(`threadgate start-up and digest bench; ${load()}`);
  await benchStartup(probe);
  if (process.env.BENCH_DIGEST !== '0') await benchDigest(probe);
  if (process.env.BENCH_MATRIX === '1') await benchMatrix();
}

await main();

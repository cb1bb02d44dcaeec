// `npm run bench:relations`: what recording every relation's digest costs a run (goal ≤ 5% of its
// time). Side by side in interleaved rounds on the same machine load: a built-in run of
// matrices/quick.yaml's size (2,000 employees, 2025-2027, `--keep-intermediates` as the harness asks,
// at 1 and 2 threads), then the relation digests of its database as the harness takes them (the
// digest worker's limits and its one DuckDB instance: 2 threads, 150 MB). With BENCH_DATABASE=FILE and BENCH_RUN_MS=N (e.g. a
// kept PlanAlign run database and its journaled wallMs) it times that database's relation digests
// against that run. Figures, not assertions; each printed with the machine's load.
import { median } from 'simple-statistics';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { digestRelations } from '../digest/digest-relations.js';
import { openSession } from '../duckdb/session.js';
import { readBuiltinGraph } from '../lineage/builtin-graph.js';
import { volatileByRelation } from '../lineage/run-lineage.js';
import { PACKAGE_ROOT } from '../core/package-info.js';
import { HARNESS_DIGEST_LIMITS } from '../runner/digest-run.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLI = path.join(PACKAGE_ROOT, 'dist', 'cli.js');
const QUICK = { employees: 2000, years: { start: 2025, end: 2027 }, seed: 42, scenarioId: 'default' };

function load(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

function simulate(database: string, threads: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const args = [
      CLI,
      'simulate',
      '--threads',
      String(threads),
      '--mode',
      'sequential',
      '--years',
      '2025-2027',
      '--employees',
      String(QUICK.employees),
      '--seed',
      '42',
      '--database',
      database,
      '--keep-intermediates',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`simulate exited ${code}`)),
    );
  });
}

/** The digest worker's one instance for every relations request (digest-worker.ts). */
const session = await openSession(HARNESS_DIGEST_LIMITS);

async function timeRelations(
  database: string,
  request: Parameters<typeof digestRelations>[1],
): Promise<{ ms: number; relations: number }> {
  const started = performance.now();
  const result = await digestRelations(database, request, { session });
  return { ms: performance.now() - started, relations: Object.keys(result.digests).length };
}

async function benchQuick(): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'tg-bench-relations-'));
  const graph = readBuiltinGraph(QUICK);
  const request = { volatile: volatileByRelation(graph), skip: graph.notModels ?? [] };
  const ratios: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const threads of [1, 2]) {
        const database = path.join(folder, `r${round}-t${threads}.duckdb`);
        const runMs = await simulate(database, threads);
        const { ms, relations } = await timeRelations(database, request);
        ratios.push(ms / runMs);
        console.log(
          `round ${round} t${threads}: run ${(runMs / 1000).toFixed(2)} s, ${relations} relation digests ${ms.toFixed(0)} ms = ${((100 * ms) / runMs).toFixed(2)}% (load ${load()})`,
        );
      }
    }
    console.log(
      `quick.yaml size: relation digests cost a median ${(100 * median(ratios)).toFixed(2)}% of a run (goal ≤ 5%)`,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function benchDatabase(database: string, runMs: number): Promise<void> {
  const times: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const { ms, relations } = await timeRelations(database, { volatile: {} });
    times.push(ms);
    console.log(`round ${round}: ${relations} relation digests of ${database} in ${ms.toFixed(0)} ms (load ${load()})`);
  }
  console.log(
    `relation digests: median ${median(times).toFixed(0)} ms = ${((100 * median(times)) / runMs).toFixed(2)}% of the run's ${(runMs / 1000).toFixed(1)} s (goal ≤ 5%)`,
  );
}

const database = process.env.BENCH_DATABASE;
if (database) await benchDatabase(database, Number(process.env.BENCH_RUN_MS));
else await benchQuick();
session.close();

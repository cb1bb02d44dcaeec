// `npm run bench:simulate`: 100,000 employees x 5 years at 1 and 2 threads in each mode, runs
// interleaved so machine drift hits every configuration alike; prints medians, peak RSS and the
// 2-vs-1 speedup, as a ratio of medians and per round. Figures, not assertions: the machine may be
// shared.
import { median } from 'simple-statistics';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_ENTRY } from '../core/package-info.js';
import { threadPoolSizeFor } from '../core/thread-pool-size.js';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODES = ['sequential', 'selective', 'aggressive'] as const;
const THREADS = [1, 2] as const;

interface Sample {
  readonly wallMs: number;
  readonly processMs: number;
  readonly peakRssBytes: number;
}

/** One simulate process; wallMs is measured inside it, processMs around it (startup included). */
function runOnce(dir: string, threads: number, mode: string): Sample {
  const database = path.join(dir, `${mode}-${threads}.duckdb`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      CLI_ENTRY,
      'simulate',
      '--threads',
      String(threads),
      '--mode',
      mode,
      '--years',
      '2025-2029',
      '--employees',
      String(EMPLOYEES),
      '--database',
      database,
      '--force',
      '--json',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, UV_THREADPOOL_SIZE: String(threadPoolSizeFor(threads)) },
    },
  );
  const processMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`simulate ${threads}/${mode} failed: ${result.stderr}`);
  const summary = JSON.parse(result.stdout) as { wallMs: number; peakRssBytes: number };
  rmSync(database, { force: true });
  return { wallMs: summary.wallMs, processMs, peakRssBytes: summary.peakRssBytes };
}

function main(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-bench-'));
  const samples = new Map<string, Sample[]>();
  const startLoad = os.loadavg()[0]!;
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Interleaved: every configuration once per round, 1 and 2 threads alternating.
      for (const mode of MODES) {
        for (const threads of round % 2 === 1 ? THREADS : [...THREADS].reverse()) {
          const sample = runOnce(dir, threads, mode);
          const key = `${mode}/${threads}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          process.stderr.write(
            `round ${round} ${key}: ${(sample.wallMs / 1000).toFixed(2)} s in-process, ${(sample.processMs / 1000).toFixed(2)} s process, load ${os.loadavg()[0]!.toFixed(2)}\n`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `simulate benchmark: ${EMPLOYEES} employees x 5 years, ${ROUNDS} interleaved rounds, ${os.availableParallelism()} logical cores, 1-min load ${startLoad.toFixed(2)} at start, ${os.loadavg()[0]!.toFixed(2)} at end`,
  );
  console.log('mode        threads  median wall s  median process s  peak RSS MB  speedup 2v1 (wall / process)');
  for (const mode of MODES) {
    const one = samples.get(`${mode}/1`) ?? [];
    for (const threads of THREADS) {
      const list = samples.get(`${mode}/${threads}`) ?? [];
      const wall = median(list.map((s) => s.wallMs));
      const proc = median(list.map((s) => s.processMs));
      const rss = Math.max(...list.map((s) => s.peakRssBytes)) / 1024 ** 2;
      // Each round ran 1 and 2 threads back to back, so a round's own ratio is free of drift between rounds.
      const paired = list.map((s, round) => (one[round]?.wallMs ?? Number.NaN) / s.wallMs).filter(Number.isFinite);
      const speedup =
        threads === 2
          ? `${(median(one.map((s) => s.wallMs)) / wall).toFixed(2)}x / ${(median(one.map((s) => s.processMs)) / proc).toFixed(2)}x` +
            `  (per round ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)}x, median ${median(paired).toFixed(2)}x)`
          : '';
      console.log(
        `${mode.padEnd(11)} ${String(threads).padStart(7)}  ${(wall / 1000).toFixed(2).padStart(13)}  ${(proc / 1000).toFixed(2).padStart(16)}  ${rss.toFixed(0).padStart(11)}  ${speedup}`,
      );
    }
  }
}

main();

// bench:history's scale figure: five years of nightlies × 48 configurations × 3 samples written to a
// real history file, then read and checked (every series, every metric) as `history check` does.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRandom } from '../core/prng.js';
import { checkHistory } from '../history/check-history.js';
import { addRuns, openHistory } from '../history/history-store.js';
import { readHistory } from '../history/read-history.js';
import type { HistoryRun, HistorySample } from '../history/types.js';
import type { HardwareFingerprint } from '../core/hardware-record.js';

const HARDWARE: HardwareFingerprint = {
  id: 'bench-hw',
  cpuModel: 'bench CPU',
  physicalCores: 16,
  logicalCores: 32,
  memoryBytes: 64 * 2 ** 30,
  os: 'linux',
  arch: 'x64',
  hostname: 'bench',
  nodeVersion: process.version,
  duckdbVersion: 'v1.5.6',
};
const MODES = ['sequential', 'selective', 'aggressive'] as const;

export interface ScaleFigures {
  readonly runs: number;
  readonly samples: number;
  readonly writeMs: number;
  readonly fileBytes: number;
  readonly readMs: number;
  readonly checkMs: number;
  readonly series: number;
  readonly changesFound: number;
  /** Changes found at the planted commit in the planted configurations. */
  readonly plantedFound: number;
  readonly planted: number;
}

/** One night: 48 configurations × 3 samples; configurations t1..t4 of each mode 8% slower from night `stepAt` on. */
function buildNight(night: number, stepAt: number, random: () => number): HistoryRun {
  const samples: HistorySample[] = [];
  for (const mode of MODES) {
    for (let threads = 1; threads <= 16; threads++) {
      const base = (60_000 / Math.sqrt(threads)) * (1 + (threads <= 4 && night >= stepAt ? 0.08 : 0));
      for (let rep = 1; rep <= 3; rep++) {
        const noise = 1 + 0.02 * (random() + random() + random() - 1.5) * 2;
        samples.push({
          configuration: `t${threads}-${mode}`,
          threads,
          mode,
          rep,
          status: 'ok',
          wallMs: base * noise,
          cpuMs: base * noise * threads * 0.8,
          peakRssBytes: 2e8 + threads * 3e7 * noise,
          noisy: false,
        });
      }
    }
  }
  const day = new Date(Date.UTC(2021, 0, 1) + night * 86_400_000);
  const sha = ((night * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(5);
  return {
    runKey: `night-${night}`,
    commit: { sha, time: day.toISOString(), branch: 'main' },
    startedAt: new Date(day.getTime() + 3_600_000).toISOString(),
    hardware: HARDWARE,
    toolVersion: '0.1.0',
    targetKind: 'builtin',
    targetVersion: 'bench',
    matrixName: 'nightly',
    matrixHash: 'bench',
    regressionThreshold: 0.1,
    determinism: 'pass',
    samples,
    tables: [
      {
        table: 'fct_yearly_events',
        algorithm: 'md5-v1',
        digest: night < 900 ? 'a'.repeat(32) : 'b'.repeat(32),
        rowCount: 100_000,
        verdict: 'pass',
      },
      {
        table: 'fct_workforce_snapshot',
        algorithm: 'md5-v1',
        digest: 'c'.repeat(32),
        rowCount: 50_000,
        verdict: 'pass',
      },
    ],
  };
}

/** Builds the file, measures write, size, read and check. */
export async function measureScale(nights = 5 * 365 + 1): Promise<ScaleFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-history-scale-'));
  const file = path.join(dir, 'history.duckdb');
  try {
    const random = createRandom(5);
    const stepAt = nights - 40;
    const runs = Array.from({ length: nights }, (_, night) => buildNight(night, stepAt, random));
    const writeStarted = performance.now();
    const store = await openHistory(file);
    try {
      await addRuns(store, runs, new Date());
    } finally {
      store.close();
    }
    const writeMs = performance.now() - writeStarted;
    const fileBytes = (await stat(file)).size;
    const readStarted = performance.now();
    const history = await readHistory(file);
    const readMs = performance.now() - readStarted;
    const checkStarted = performance.now();
    const check = checkHistory(history);
    const checkMs = performance.now() - checkStarted;
    const wall = check.series.filter((s) => s.metric === 'wallMs' && /^t[1-4]-/.test(s.configuration));
    const plantedSha = runs[stepAt]!.commit.sha;
    return {
      runs: nights,
      samples: nights * 48 * 3,
      writeMs,
      fileBytes,
      readMs,
      checkMs,
      series: check.series.length,
      changesFound: check.series.reduce((n, s) => n + s.changes.length, 0),
      plantedFound: wall.filter((s) => s.changes.some((c) => c.firstAfter === plantedSha)).length,
      planted: wall.length,
    };
  } finally {
    if (process.env['KEEP_SCALE_FILE']) process.stderr.write(`kept ${file}\n`);
    else await rm(dir, { recursive: true, force: true });
  }
}

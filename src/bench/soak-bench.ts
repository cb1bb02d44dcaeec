// `npm run bench:soak`: runs matrices/soak.yaml (1,008 runs) as a child `threadgate run`, samples the
// harness's own resident memory from /proc/<pid>/status every 2 s while it goes, and prints the soak's
// figures: runs, false divergences, harness errors, total time, the harness's own time between runs
// and its memory over the first and the last 100 runs (neither may grow with the run count).
// `node dist/bench/soak-bench.js --figures RUN_DIR RSS_FILE` prints the figures of a soak already run,
// RSS_FILE holding lines "<epoch ms> <VmRSS kB> <VmHWM kB>" (what this script samples).
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PACKAGE_ROOT } from '../core/package-info.js';
import type { Report } from '../report/types.js';
import { readJournal } from '../runner/journal.js';
import type { RunRecord } from '../core/run-record.js';

const SAMPLE_INTERVAL_MS = 2000;
const WINDOW_RUNS = 100;

interface RssSample {
  readonly atMs: number;
  readonly rssBytes: number;
  readonly hwmBytes: number;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function describeMs(values: readonly number[]): string {
  return `median ${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/** The harness's own time between two runs: from one run's end to the next one's start. */
function listGapsMs(records: readonly RunRecord[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < records.length; i += 1) {
    const previous = records[i - 1]!;
    gaps.push(Date.parse(records[i]!.startedAt) - (Date.parse(previous.startedAt) + previous.wallMs));
  }
  return gaps;
}

/** RSS samples taken while runs [from, to) of the journal were going. */
function samplesDuring(
  samples: readonly RssSample[],
  records: readonly RunRecord[],
  from: number,
  to: number,
): RssSample[] {
  const startMs = Date.parse(records[from]!.startedAt);
  const last = records[Math.min(to, records.length) - 1]!;
  const endMs = Date.parse(last.startedAt) + last.wallMs;
  return samples.filter((sample) => sample.atMs >= startMs && sample.atMs <= endMs);
}

function describeRss(samples: readonly RssSample[]): string {
  if (samples.length === 0) return 'no samples';
  const rss = samples.map((sample) => sample.rssBytes);
  return `peak ${mib(Math.max(...rss))}, median ${mib(quantile(rss, 0.5))} (${samples.length} samples)`;
}

/** The figures of a finished soak, as lines of text. */
export async function describeSoak(runDir: string, samples: readonly RssSample[]): Promise<string[]> {
  const { records } = await readJournal(path.join(runDir, 'journal.jsonl'));
  const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
  const failed = records.filter(
    (record) => record.status !== 'ok' || record.digestError !== null || record.error !== null,
  );
  const gaps = listGapsMs(records);
  const first = records[0]!;
  const last = records.at(-1)!;
  const totalMs = Date.parse(last.startedAt) + last.wallMs - Date.parse(first.startedAt);
  const lastWindow = Math.max(0, records.length - WINDOW_RUNS);
  return [
    `runs: ${records.length} journaled (${new Set(records.map((r) => r.id)).size} distinct ids), ${report.pendingRuns} pending`,
    `determinism: ${report.determinism.verdict}, ${report.determinism.divergences.length} divergences (false divergences: the built-in orchestrator is deterministic), gate ${report.gate.verdict} (exit ${report.gate.exitCode})`,
    `harness errors: ${failed.length} runs not ok${
      failed.length > 0
        ? ` (${failed
            .slice(0, 5)
            .map((r) => `${r.id}: ${r.error ?? r.digestError}`)
            .join('; ')})`
        : ''
    }`,
    `total: ${(totalMs / 60_000).toFixed(1)} min, runs ${(records.reduce((sum, r) => sum + r.wallMs, 0) / 60_000).toFixed(1)} min, harness between runs ${(gaps.reduce((sum, ms) => sum + ms, 0) / 60_000).toFixed(1)} min`,
    `harness time between runs, runs 1-${WINDOW_RUNS}: ${describeMs(gaps.slice(0, WINDOW_RUNS - 1))}`,
    `harness time between runs, last ${WINDOW_RUNS}: ${describeMs(gaps.slice(lastWindow))}`,
    `harness RSS, runs 1-${WINDOW_RUNS}: ${describeRss(samplesDuring(samples, records, 0, WINDOW_RUNS))}`,
    `harness RSS, last ${WINDOW_RUNS}: ${describeRss(samplesDuring(samples, records, lastWindow, records.length))}`,
    `harness RSS, whole soak: ${describeRss(samples)}; high-water mark ${mib(Math.max(0, ...samples.map((s) => s.hwmBytes)))}`,
  ];
}

function parseRssFile(text: string): RssSample[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [atMs, rssKb, hwmKb] = line.trim().split(/\s+/).map(Number);
      return { atMs: atMs!, rssBytes: rssKb! * 1024, hwmBytes: (hwmKb ?? 0) * 1024 };
    });
}

/** VmRSS and VmHWM of a live process, or null once it is gone. */
async function sampleRss(pid: number): Promise<RssSample | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { atMs: Date.now(), rssBytes: kb('VmRSS') * 1024, hwmBytes: kb('VmHWM') * 1024 };
  } catch {
    return null;
  }
}

async function runSoak(): Promise<void> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'threadgate-soak-'));
  const rssFile = path.join(out, 'harness-rss.txt');
  const child = spawn(
    process.execPath,
    [
      path.join(PACKAGE_ROOT, 'dist', 'cli.js'),
      'run',
      path.join(PACKAGE_ROOT, 'matrices', 'soak.yaml'),
      '--out',
      out,
      '--quiet',
      '--json',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  console.log(`soak: harness pid ${child.pid}, RSS samples in ${rssFile}`);
  const samples: RssSample[] = [];
  while (!done) {
    const sample = await sampleRss(child.pid!);
    if (sample) {
      samples.push(sample);
      await appendFile(rssFile, `${sample.atMs} ${sample.rssBytes / 1024} ${sample.hwmBytes / 1024}\n`);
    }
    await sleep(SAMPLE_INTERVAL_MS);
  }
  console.log(`soak: harness exit code ${await exited}`);
  const { runDir } = JSON.parse(stdout) as { runDir: string };
  for (const line of await describeSoak(runDir, samples)) console.log(line);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--figures' && args[1] && args[2]) {
    for (const line of await describeSoak(args[1], parseRssFile(await readFile(args[2], 'utf8')))) console.log(line);
    return;
  }
  await runSoak();
}

await main();

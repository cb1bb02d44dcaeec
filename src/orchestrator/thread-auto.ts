// `--threads auto`: the closed loop. Reads the recommendation made for this hardware (by
// `threadgate recommend`) or, without one, chooses from the machine's cores and free memory.
import { describeFileError } from '../core/describe-file-error.js';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Recommendation } from '../core/recommendation-record.js';
import { MAX_THREADS, THREADING_MODES, type ThreadingMode } from '../matrix/types.js';
import type { ThreadSource } from './simulate-options.js';

/** Memory one extra concurrent model is assumed to need when no recommendation measured it. */
export const ESTIMATED_BYTES_PER_THREAD = 256 * 1024 ** 2;

/** The outcome of resolving `auto`, with a sentence saying where it came from. */
export interface AutoThreads {
  readonly threads: number;
  readonly maxThreads: number;
  readonly source: ThreadSource;
  readonly mode: ThreadingMode | null;
  readonly note: string;
  readonly warnings: readonly string[];
}

/** The folder recommendations are looked up in: $THREADGATE_RECOMMENDATIONS, else ~/.threadgate/recommendations. */
export function recommendationFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env.THREADGATE_RECOMMENDATIONS ?? path.join(os.homedir(), '.threadgate', 'recommendations');
}

/** The resource-based choice: min(logical cores, free memory / memory per thread, 16), at least 1. */
export function chooseThreadsFromResources(
  logicalCores: number,
  availableBytes: number,
  bytesPerThread = ESTIMATED_BYTES_PER_THREAD,
): number {
  return Math.max(1, Math.min(logicalCores, Math.floor(availableBytes / bytesPerThread), MAX_THREADS));
}

function isUsable(value: unknown): value is Recommendation {
  const r = value as Partial<Recommendation> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.hardware?.id === 'string' &&
    Number.isInteger(r.thread_count) &&
    (r.thread_count ?? 0) >= 1 &&
    (r.thread_count ?? 0) <= MAX_THREADS &&
    THREADING_MODES.includes(r.mode as ThreadingMode)
  );
}

async function readRecommendation(file: string): Promise<{ rec: Recommendation | null; problem: string | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { rec: null, problem: `cannot read ${file} (${describeFileError(error)})` };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isUsable(parsed)
      ? { rec: parsed, problem: null }
      : { rec: null, problem: `${file} is not a recommendation (hardware.id, thread_count 1-16, mode)` };
  } catch {
    return { rec: null, problem: `${file} is not valid JSON` };
  }
}

/** Resolves `--threads auto` for the hardware with id `hardwareId`. */
export async function resolveAutoThreads(
  hardwareId: string,
  explicitFile: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AutoThreads> {
  const warnings: string[] = [];
  const file = explicitFile ?? path.join(recommendationFolder(env), `${hardwareId}.json`);
  const { rec, problem } = await readRecommendation(file);
  if (rec !== null && rec.hardware.id === hardwareId) {
    const maxThreads = Math.min(
      MAX_THREADS,
      Math.max(rec.thread_count, Number.isInteger(rec.max_threads) ? rec.max_threads : rec.thread_count),
    );
    return {
      threads: rec.thread_count,
      maxThreads,
      source: 'recommendation',
      mode: rec.mode,
      warnings,
      note: `${rec.thread_count} threads, mode ${rec.mode}, from recommendation ${file}`,
    };
  }
  if (rec !== null)
    warnings.push(
      `recommendation ${file} is for hardware ${rec.hardware.id}, not this machine (${hardwareId}); ignoring it`,
    );
  else if (explicitFile !== null && problem !== null) warnings.push(`recommendation: ${problem}; ignoring it`);
  const threads = chooseThreadsFromResources(os.availableParallelism(), os.freemem());
  return {
    threads,
    maxThreads: threads,
    source: 'resources',
    mode: null,
    warnings,
    note: `${threads} threads from resources (${os.availableParallelism()} logical cores, ${(os.freemem() / 1024 ** 2).toFixed(0)} MiB free; no recommendation for ${hardwareId})`,
  };
}

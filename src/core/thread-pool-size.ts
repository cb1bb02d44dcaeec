// Every concurrent DuckDB query holds one libuv pool thread; the default pool of 4 would cap
// 16-way model concurrency at 4, so children get a pool sized to their thread count.

/**
 * libuv pool size for a run with `threads` concurrent models: one thread each, one for the
 * reference orchestrator's output writer and one for short work (DuckDB settings, file system).
 * At 1 and 2 threads libuv's default 4 is enough, so `simulate` starts without re-executing.
 */
export function threadPoolSizeFor(threads: number): number {
  return Math.max(4, threads + 2);
}

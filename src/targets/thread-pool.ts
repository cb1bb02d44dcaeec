// Every concurrent DuckDB query holds one libuv pool thread; the default pool of 4 would cap
// 16-way model concurrency at 4, so children get a pool sized to their thread count.

/** libuv pool size for a run with `threads` concurrent models: room for them plus fs work. */
export function threadPoolSizeFor(threads: number): number {
  return Math.max(4, threads + 4);
}

// libuv's pool (4 threads by default) carries every concurrent DuckDB query, and it is sized once,
// when first used — which Node's ESM loader already did before any of our code ran. So setting
// UV_THREADPOOL_SIZE in-process is too late; the only sure way is to start the process with it.
import { spawn } from 'node:child_process';
import type { DuckDBInstance } from '@duckdb/node-api';
import { threadPoolSizeFor } from '../core/thread-pool-size.js';

/** Set in the environment of a re-executed simulate, so it never re-executes twice. */
export const REEXEC_MARKER = 'THREADGATE_SIMULATE_REEXEC';

/** The pool size this process started with (libuv's default is 4). */
export const STARTUP_POOL_SIZE = Number.parseInt(process.env.UV_THREADPOOL_SIZE ?? '', 10) || 4;

/** The pool size a run with `threads` concurrent models needs. */
export function requiredPoolSize(threads: number): number {
  return threadPoolSizeFor(threads);
}

/** Whether this process must be restarted with a larger pool to run `threads` models at once. */
export function needsReexec(threads: number): boolean {
  return STARTUP_POOL_SIZE < requiredPoolSize(threads) && process.env[REEXEC_MARKER] !== '1';
}

/** Re-runs this very command line with a pool big enough; resolves to the child's exit code. */
export function reexecWithPool(threads: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, UV_THREADPOOL_SIZE: String(requiredPoolSize(threads)), [REEXEC_MARKER]: '1' },
    });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGKILL' ? 137 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}

/**
 * Measures how many DuckDB queries really run at once: `queries` sleeps of `sleepMs` on their own
 * connections; the ones that finish within half a sleep of the first ran together.
 */
export async function measurePoolConcurrency(instance: DuckDBInstance, queries = 8, sleepMs = 600): Promise<number> {
  const connections = await Promise.all(Array.from({ length: queries }, () => instance.connect()));
  try {
    const finishedMs = await Promise.all(
      connections.map(async (connection) => {
        await connection.run(`SELECT sleep_ms(${Math.trunc(sleepMs)})`);
        return performance.now();
      }),
    );
    const first = Math.min(...finishedMs);
    return finishedMs.filter((t) => t - first < sleepMs / 2).length;
  } finally {
    for (const connection of connections) connection.closeSync();
  }
}

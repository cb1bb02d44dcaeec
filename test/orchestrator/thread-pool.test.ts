// The libuv pool must really carry the thread count: 8 concurrent DuckDB sleeps must overlap
// even when the caller started threadgate with no UV_THREADPOOL_SIZE (simulate re-executes).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runSimulate } from './simulate-helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-pool-'));
beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs 8 DuckDB queries at once at 8 threads without UV_THREADPOOL_SIZE from the caller', () => {
  const result = runSimulate(
    [
      '--threads',
      '8',
      '--years',
      '2025-2025',
      '--employees',
      '20',
      '--probe-pool',
      '--json',
      '--database',
      path.join(dir, 'p.duckdb'),
    ],
    { UV_THREADPOOL_SIZE: '' },
  );
  expect(result.status, result.stderr).toBe(0);
  const summary = JSON.parse(result.stdout);
  expect(summary.uvThreadpoolSize, 'pool size the simulating process started with').toBe(10);
  expect(summary.poolConcurrency, 'sleeps that overlapped').toBe(8);
});

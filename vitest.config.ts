import { defineConfig } from 'vitest/config';

// Integration tests spawn real orchestrator processes and open real DuckDB files: give them time,
// and keep to two workers on this 2-core machine so timings inside tests are not starved.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    pool: 'forks',
  },
});

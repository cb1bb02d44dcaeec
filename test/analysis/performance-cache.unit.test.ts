// A report rebuilt after every run takes unchanged intervals from the cache: the figures must be
// exactly those of a fresh computation, and only what a new run changed is computed again.
import { describe, expect, it } from 'vitest';
import { createPerformanceCache } from '../../src/analysis/performance-cache.js';
import { summarizePerformance } from '../../src/analysis/performance.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeRun } from './helpers.js';

/** Three rounds over four configurations, interleaved the way a matrix runs them. */
function buildJournal(): RunRecord[] {
  const records: RunRecord[] = [];
  for (let rep = 1; rep <= 3; rep += 1) {
    for (const [threads, mode] of [
      [1, 'sequential'],
      [4, 'sequential'],
      [1, 'aggressive'],
      [4, 'aggressive'],
    ] as const) {
      records.push(
        makeRun({ threads, mode, rep, wallMs: 1000 / threads + rep * 37 + (mode === 'aggressive' ? 11 : 0) }),
      );
    }
  }
  return records;
}

describe('performance cache', () => {
  it('gives exactly the figures of a fresh computation after every run', () => {
    const journal = buildJournal();
    const cache = createPerformanceCache();
    for (let n = 1; n <= journal.length; n += 1) {
      const soFar = journal.slice(0, n);
      const cached = summarizePerformance(soFar, { seed: 5, resamples: 500, cache });
      const fresh = summarizePerformance(soFar, { seed: 5, resamples: 500 });
      expect(cached, `after run ${n}`).toEqual(fresh);
    }
  });

  it('computes again only the intervals whose samples changed', () => {
    const journal = buildJournal();
    const cache = createPerformanceCache();
    const computed: string[] = [];
    const counting = {
      estimate: (
        name: string,
        samples: readonly (readonly number[])[],
        compute: () => { value: number; low: number; high: number },
      ) =>
        cache.estimate(name, samples, () => {
          computed.push(name);
          return compute();
        }),
    };
    summarizePerformance(journal.slice(0, 11), { seed: 5, resamples: 200, cache: counting });
    computed.length = 0;
    // Run 12 is t4-aggressive's third: its median interval and its speedup change, nothing else.
    summarizePerformance(journal, { seed: 5, resamples: 200, cache: counting });
    expect(computed.sort(), 'recomputed').toEqual(['median:t4-aggressive', 'speedup:t4-aggressive']);
  });
});

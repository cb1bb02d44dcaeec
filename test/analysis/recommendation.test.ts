import { describe, expect, it } from 'vitest';
import { judgeDeterminism } from '../../src/analysis/determinism.js';
import { summarizePerformance } from '../../src/analysis/performance.js';
import { recommendThreads } from '../../src/analysis/recommendation.js';
import type { Recommendation } from '../../src/analysis/types.js';
import type { ResolvedMatrix, ThreadingMode } from '../../src/matrix/types.js';
import type { HardwareFingerprint } from '../../src/monitor/types.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeRuns } from './helpers.js';

const hardware: HardwareFingerprint = {
  id: 'hw1',
  cpuModel: 'Test CPU',
  physicalCores: 8,
  logicalCores: 16,
  memoryBytes: 16 * 2 ** 30,
  os: 'linux',
  arch: 'x64',
  hostname: 'h',
  nodeVersion: '20',
  duckdbVersion: '1.5.6',
};
const matrix = {
  name: 't',
  source: null,
  threads: [1, 2, 4, 8],
  modes: ['selective'],
  repetitions: 3,
  warmup: 0,
  reference: { threads: 1, mode: 'selective' },
  tables: {},
  keep: 'none',
  recommendation: { tolerance: 0.05, memoryBudget: { fraction: 0.5 } },
} as unknown as ResolvedMatrix;

const digests = {
  t: {
    table: 't',
    present: true,
    rowCount: 1,
    digest: 'd',
    columns: [],
    exempt: [],
    groupBy: [],
    columnDigests: {},
    groups: [],
  },
};
const bad = { t: { ...digests.t, digest: 'other' } };

function curve(times: Record<number, number[]>, mode: ThreadingMode = 'selective'): RunRecord[] {
  return Object.entries(times).flatMap(([threads, walls]) => makeRuns(Number(threads), mode, walls, { digests }));
}

function recommend(runs: RunRecord[]): Recommendation {
  const result = recommendThreads({
    performance: summarizePerformance(runs, { seed: 1, resamples: 2000 }),
    determinism: judgeDeterminism(runs, { threads: 1, mode: 'selective' }),
    matrix,
    hardware,
    target: { kind: 'builtin', version: '0.1.0' },
    now: '2026-01-01T00:00:00Z',
  });
  if ('error' in result) throw new Error(result.error);
  return result.recommendation;
}

describe('recommendThreads', () => {
  it('flat curve: 1 thread and "no measurable effect"', () => {
    const r = recommend(curve({ 1: [100, 101, 99], 2: [100, 99, 101], 4: [101, 100, 99], 8: [99, 101, 100] }));
    expect(r.thread_count, 'thread count').toBe(1);
    expect(
      r.reasons.some((s) => s.includes('thread count had no measurable effect')),
      'finding in reasons',
    ).toBe(true);
    expect(r.model?.peakThreads, 'model peak').toBe(1);
    expect(r.generatedAt, 'now passed in').toBe('2026-01-01T00:00:00Z');
  });

  it('linear to 8: 8 threads, max_threads extended by the model', () => {
    const r = recommend(curve({ 1: [800, 801, 799], 2: [400, 401, 399], 4: [200, 201, 199], 8: [100, 101, 99] }));
    expect(r.thread_count, 'thread count').toBe(8);
    expect(r.max_threads, 'perfect scaling predicted to 16').toBe(16);
    expect(r.planalign_snippet, 'snippet').toBe(
      'orchestrator:\n  threading:\n    enabled: true\n    thread_count: 8\n    mode: selective\n    resource_management:\n      max_threads: 16\noptimization:\n  e068c_threading:\n    dbt_threads: 8\n',
    );
  });

  it('knee at 2: 2 threads within tolerance of the best', () => {
    const r = recommend(curve({ 1: [100, 100, 100], 2: [51, 51, 51], 4: [49, 49, 49], 8: [50, 50, 50] }));
    expect(r.best.threads, 'best').toBe(4);
    expect(r.thread_count, 'thread count').toBe(2);
    expect(r.max_threads, 'efficiency at 4 = 100/49/4 = 0.51').toBe(4);
  });

  it("noisy: the smaller count when its median is within the tolerance of the best's", () => {
    const r = recommend(curve({ 1: [100, 100, 100], 2: [60, 90, 75], 4: [55, 85, 72] }));
    expect(r.best.threads, 'best by median').toBe(4);
    expect(r.thread_count, '75 is within 5% of 72').toBe(2);
    expect(
      r.reasons.some((s) => s.includes("is within the 5% tolerance of the best's")),
      'reason',
    ).toBe(true);
  });

  it("one slow outlier among the best's runs does not let a far slower count qualify", () => {
    // 4 threads' range [50, 80] takes in 2 threads' 70 ms: the old "or the intervals overlap" clause
    // recommended 2 threads, 40% slower than the best's median.
    const r = recommend(curve({ 1: [100, 100, 100], 2: [70, 71, 70], 4: [50, 80, 50] }));
    expect(r.best.threads, 'best by median').toBe(4);
    expect(r.thread_count, 'the best itself').toBe(4);
    expect(
      r.reasons.some((s) => s.includes("no smaller thread count's median came within 5%")),
      'reason',
    ).toBe(true);
  });

  it('never recommends a nondeterministic fastest configuration', () => {
    const runs = [
      ...curve({ 1: [100, 100, 100], 2: [60, 60, 60] }),
      ...makeRuns(4, 'selective', [30, 30, 30], { digests: bad }),
    ];
    const r = recommend(runs);
    expect(r.thread_count, 'falls back to 2').toBe(2);
    expect(
      r.reasons.some((s) => s.startsWith('t4-selective excluded') && s.includes('not deterministic')),
      'exclusion reason',
    ).toBe(true);
  });

  it('excludes a configuration over the memory budget and measures memory per thread', () => {
    const runs = [
      ...curve({ 1: [100, 100, 100], 2: [60, 60, 60] }).map((run) => ({ ...run, peakRssBytes: run.threads * 2 ** 30 })),
      ...makeRuns(4, 'selective', [30, 30, 30], { digests, peakRssBytes: 9 * 2 ** 30 }),
    ];
    const r = recommend(runs);
    expect(r.thread_count, 'over-budget 4 excluded').toBe(2);
    expect(
      r.reasons.some((s) => s.startsWith('t4-selective excluded: peak memory 9.0 GiB exceeds the budget 8.0 GiB')),
      'reason',
    ).toBe(true);
    // points (1,1G) (2,2G) (4,9G): Sxy = 13, Sxx = 14/3: slope = 39/14 GiB per thread
    expect(r.memory_per_thread_bytes, 'least-squares slope').toBe(Math.round((39 / 14) * 2 ** 30));
  });

  it('never rests on a difference the report calls unmeasurable: single samples keep the smallest thread count (issue 19)', () => {
    // The real PlanAlign case: 1 noisy sample at 1 thread, 1 quiet one at 4; findings say "no measurable effect".
    const runs = [...curve({ 1: [130_900], 4: [101_100] }), ...curve({ 8: [104_000] })];
    const performance = summarizePerformance(runs, { seed: 1, resamples: 2000 });
    expect(performance.findings.join('\n'), 'the report calls it unmeasurable').toContain(
      'thread count had no measurable effect',
    );
    const r = recommend(runs);
    expect(r.best.threads, 'fastest by median').toBe(4);
    expect(r.thread_count, 'the smallest thread count').toBe(1);
    expect(r.planalign_snippet, 'the snippet says the same').toContain('thread_count: 1');
    const why = r.reasons.find((s) =>
      s.startsWith('recommended t1-selective, the smallest thread count, not t4-selective'),
    );
    expect(why, 'the reason names both and why').toContain('single timed sample');
  });

  it("leaves an adaptive search's races to decide (they drop configurations after a sample on purpose)", () => {
    const runs = curve({ 1: [130_900], 4: [101_100, 101_000], 8: [104_000, 103_900] });
    const result = recommendThreads({
      performance: summarizePerformance(runs, { seed: 1, resamples: 2000 }),
      determinism: judgeDeterminism(runs, { threads: 1, mode: 'selective' }),
      matrix: { ...matrix, search: { strategy: 'adaptive', budget: { fraction: 0.5 } } } as ResolvedMatrix,
      hardware,
      target: { kind: 'builtin', version: '0.1.0' },
      now: '2026-01-01T00:00:00Z',
    });
    expect('recommendation' in result && result.recommendation.thread_count, 'the medians rule').toBe(4);
  });

  it('keeps the smallest thread count when thread count had no measurable effect, although medians differ beyond the tolerance', () => {
    // 1 thread's samples spread so widely that its interval takes in 2 threads': no measurable effect.
    const r = recommend(curve({ 1: [60, 100, 140], 2: [85, 90, 95] }));
    expect(r.best.threads, 'fastest by median').toBe(2);
    expect(r.thread_count, 'kept at 1').toBe(1);
    expect(
      r.reasons.some((s) => s.includes('thread count had no measurable effect on runtime and t1-selective')),
      'reason',
    ).toBe(true);
  });

  it('a measurable speedup still recommends more threads with single samples elsewhere only above it', () => {
    const r = recommend(curve({ 1: [100, 101, 100], 2: [50, 51, 50], 4: [49] }));
    expect(r.best.threads, 'the single 4-thread sample is fastest').toBe(4);
    expect(r.thread_count, '2 threads: within tolerance, measured').toBe(2);
  });

  it('returns an error when nothing is eligible', () => {
    const runs = makeRuns(1, 'selective', [100], { status: 'failed', digests: null });
    const result = recommendThreads({
      performance: summarizePerformance(runs),
      determinism: judgeDeterminism(runs, { threads: 1, mode: 'selective' }),
      matrix,
      hardware,
      target: { kind: 'builtin', version: '0' },
      now: 'x',
    });
    expect('error' in result && result.error, 'error').toContain(
      't1-selective excluded: no successful timed run (1 failed)',
    );
  });
});

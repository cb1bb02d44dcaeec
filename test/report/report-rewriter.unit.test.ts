// The interim report rule of `run`: after every run at first, then when the run count has grown
// by GROWTH, or when reports are stale and rewriting them is cheap against the time since.
import { describe, expect, it } from 'vitest';
import {
  EVERY_RUN_UNTIL,
  FILE_COST_FACTOR,
  GROWTH,
  isFileRewriteDue,
  isRewriteDue,
  STALE_AFTER_MS,
  STALE_FACTOR,
} from '../../src/report/report-rewriter.js';

/** The run counts after which a rule-following run rewrites, with runs `gapMs` apart and rewrites taking `tookMs`. */
function listRewrites(runs: number, gapMs: number, tookMs: number): number[] {
  const rewrites: number[] = [];
  let last: { runs: number; atMs: number; tookMs: number } | null = null;
  for (let n = 1; n <= runs; n += 1) {
    const nowMs = n * gapMs;
    if (isRewriteDue(n, last, nowMs)) {
      rewrites.push(n);
      last = { runs: n, atMs: nowMs, tookMs };
    }
  }
  return rewrites;
}

describe('isRewriteDue', () => {
  it('rewrites after every one of the first runs', () => {
    expect(listRewrites(EVERY_RUN_UNTIL, 2000, 5000), 'every run').toEqual(
      Array.from({ length: EVERY_RUN_UNTIL }, (_, i) => i + 1),
    );
  });

  it('then in geometric steps when runs are quick: about log(N) rewrites, the last one close to N', () => {
    // Rewrites that take longer than the whole matrix: the stale rule never fires, only growth does.
    const rewrites = listRewrites(1008, 2000, 1e9);
    const afterFirst = rewrites.filter((n) => n > EVERY_RUN_UNTIL);
    expect(afterFirst.length, 'geometric rewrites').toBeLessThanOrEqual(
      Math.ceil(Math.log(1008 / EVERY_RUN_UNTIL) / Math.log(GROWTH)),
    );
    for (let i = 1; i < afterFirst.length; i += 1) {
      expect(afterFirst[i]! / afterFirst[i - 1]!, `step ${i}`).toBeGreaterThanOrEqual(GROWTH);
      expect(afterFirst[i]! / afterFirst[i - 1]!, `step ${i}`).toBeLessThan(GROWTH + 0.1);
    }
    expect(1008 / rewrites.at(-1)!, 'the last interim rewrite is at most one step behind').toBeLessThan(GROWTH);
  });

  it('also when reports are stale and rewriting is cheap against the time since', () => {
    // Runs a minute apart, rewrites of 1 s: every run gets fresh reports, as before the rule.
    expect(listRewrites(200, STALE_AFTER_MS, 1000).length, 'slow runs').toBe(200);
    // Runs 2 s apart, rewrites of 5 s: at most one stale rewrite per 5 s × STALE_FACTOR, so
    // reporting takes at most 1/STALE_FACTOR of the time, however many runs there are.
    const rewrites = listRewrites(1008, 2000, 5000).filter((n) => n > EVERY_RUN_UNTIL);
    for (let i = 1; i < rewrites.length; i += 1) {
      expect((rewrites[i]! - rewrites[i - 1]!) * 2000, `gap ${i}`).toBeGreaterThanOrEqual(
        Math.floor(Math.min(5000 * STALE_FACTOR, rewrites[i - 1]! * (GROWTH - 1) * 2000)),
      );
    }
    // A rewrite of 5 s is not repeated within 5 s × STALE_FACTOR.
    expect(isRewriteDue(500, { runs: 480, atMs: 0, tookMs: 5000 }, 5000 * STALE_FACTOR - 1), 'too soon').toBe(false);
    expect(isRewriteDue(500, { runs: 480, atMs: 0, tookMs: 5000 }, 5000 * STALE_FACTOR), 'stale').toBe(true);
  });
});

describe('isFileRewriteDue', () => {
  it('writes a file the first time, then only once its last write is a 1/FILE_COST_FACTOR share of the time since', () => {
    expect(isFileRewriteDue(null, 0), 'never written').toBe(true);
    expect(isFileRewriteDue({ atMs: 1000, tookMs: 400 }, 1000 + 400 * FILE_COST_FACTOR - 1), 'too soon').toBe(false);
    expect(isFileRewriteDue({ atMs: 1000, tookMs: 400 }, 1000 + 400 * FILE_COST_FACTOR), 'within budget').toBe(true);
  });

  it('keeps cheap files fresh after every run and bounds the share of an expensive one', () => {
    // A tuning matrix: 12 runs 8 s apart; the text formats take 3 ms, report.html 400 ms.
    const costMs: Record<string, number> = { 'report.json': 3, 'report.html': 400 };
    const writes: Record<string, number[]> = { 'report.json': [], 'report.html': [] };
    const last = new Map<string, { atMs: number; tookMs: number }>();
    for (let n = 1; n <= 12; n += 1) {
      const nowMs = n * 8000;
      expect(isRewriteDue(n, null, nowMs), 'the reports are due after each of the first runs').toBe(true);
      for (const file of Object.keys(costMs)) {
        if (!isFileRewriteDue(last.get(file) ?? null, nowMs)) continue;
        writes[file]!.push(n);
        last.set(file, { atMs: nowMs, tookMs: costMs[file]! });
      }
    }
    expect(writes['report.json'], 'report.json after every run').toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // report.html after the first run, then once 80 s (200 × 400 ms) have passed: runs 1 and 11.
    expect(writes['report.html'], 'report.html').toEqual([1, 11]);
    const htmlMs = writes['report.html']!.length * 400;
    expect(
      htmlMs - 400,
      'after its first write, report.html costs at most 1/FILE_COST_FACTOR of the time',
    ).toBeLessThanOrEqual((12 * 8000) / FILE_COST_FACTOR);
  });
});

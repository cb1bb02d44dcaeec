// The gate's window: a slowdown beyond the threshold fails (exit 3, naming the commit range) only
// while it began within the newest N commits; a small one, a speed-up or an old one passes.
import { describe, expect, it } from 'vitest';
import { checkHistory } from '../../src/history/check-history.js';
import { judgeHistory } from '../../src/history/history-gate.js';
import type { HistoryPoint } from '../../src/history/types.js';
import { createRandom } from '../../src/core/prng.js';

/** 30 commits of one configuration; wall time × `factor` from commit `stepAt` on, ±1% noise. */
function points(stepAt: number, factor: number, length = 30): HistoryPoint[] {
  const random = createRandom(stepAt * 31 + Math.round(factor * 100));
  return Array.from({ length }, (_, i) => {
    const wallMs = 1000 * (i >= stepAt ? factor : 1) * (1 + 0.01 * (random() - 0.5) * 2);
    return {
      hardwareId: 'hw',
      matrixName: 'nightly',
      configuration: 't2-selective',
      threads: 2,
      mode: 'selective',
      commit: `c${i}`,
      time: new Date(Date.UTC(2026, 9, 1) + i * 86_400_000).toISOString(),
      wallMs,
      cpuMs: 1500,
      peakRssBytes: 1e8,
      samples: 3,
      noisySamples: 0,
    };
  });
}

function gate(stepAt: number, factor: number, window = 5) {
  return judgeHistory(checkHistory({ points: points(stepAt, factor), digestPoints: [] }), window, { nightly: 0.1 });
}

describe('history gate', () => {
  it('fails with exit 3 when a 20% slowdown began 4 commits ago, naming the commits either side', () => {
    const result = gate(26, 1.2);
    expect(result.exitCode, 'exit code').toBe(3);
    expect(
      result.regressions.map((r) => [r.change.lastBefore, r.change.firstAfter]),
      'commit range',
    ).toEqual([['c25', 'c26']]);
    expect(result.message, 'message').toContain('began between c25 and c26 (4 commit(s) ago');
  });

  it('passes once the slowdown is older than the window', () => {
    expect(gate(20, 1.2).exitCode, '10 commits ago, window 5').toBe(0);
    expect(gate(20, 1.2, 10).exitCode, '10 commits ago, window 10').toBe(3);
  });

  it('passes a slowdown below the threshold and a speed-up, though both are change points', () => {
    const small = gate(25, 1.05);
    expect(small.exitCode, '5% < 10% threshold').toBe(0);
    const speedUp = gate(25, 0.7);
    expect(speedUp.exitCode, 'faster').toBe(0);
    expect(
      checkHistory({ points: points(25, 0.7), digestPoints: [] }).series.find((s) => s.metric === 'wallMs')!.changes
        .length,
      'the speed-up is still reported',
    ).toBe(1);
  });

  it('names digest changes and determinism turns between commits', () => {
    const digest = (commit: string, value: string, verdict: 'pass' | 'fail', algorithm = 'md5-v1') => ({
      matrixName: 'nightly',
      table: 'fct_yearly_events',
      commit,
      time: commit,
      algorithm,
      digest: value,
      verdict,
    });
    const check = checkHistory({
      points: [],
      digestPoints: [
        digest('c1', 'a', 'pass'),
        digest('c2', 'a', 'pass'),
        digest('c3', 'b', 'fail'),
        digest('c4', 'b', 'pass'),
        digest('c5', 'z', 'pass', 'fast-v1@v1.5.6'),
      ],
    });
    expect(
      check.outputChanges.map((o) => [o.lastBefore, o.firstAfter]),
      'digest changed (not across algorithms)',
    ).toEqual([['c2', 'c3']]);
    expect(
      check.determinismChanges.map((d) => [d.firstAfter, d.became]),
      'determinism turns',
    ).toEqual([
      ['c3', 'broken'],
      ['c4', 'restored'],
    ]);
  });
});

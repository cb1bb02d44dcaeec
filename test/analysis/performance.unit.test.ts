import { describe, expect, it } from 'vitest';
import { summarizePerformance } from '../../src/analysis/performance.js';
import { makeRun, makeRuns } from './helpers.js';

describe('summarizePerformance', () => {
  it('uses timed ok runs only and computes speedup against 1 thread of the same mode', () => {
    const runs = [
      makeRun({ threads: 1, mode: 'selective', warmup: true, wallMs: 5000 }),
      ...makeRuns(1, 'selective', [1000, 1000, 1000], { cpuMs: 900 }),
      ...makeRuns(4, 'selective', [500, 500, 500], { peakRssBytes: 300 }),
      makeRun({ threads: 4, mode: 'selective', rep: 4, status: 'failed', wallMs: 10 }),
      ...makeRuns(1, 'sequential', [1000, 1000, 1000]),
      ...makeRuns(8, 'aggressive', [100], { status: 'timeout' }),
    ];
    const summary = summarizePerformance(runs, { seed: 3, resamples: 1000 });
    const one = summary.configurations.find((c) => c.key === 't1-selective')!;
    const four = summary.configurations.find((c) => c.key === 't4-selective')!;
    expect(one.samplesMs, 'warmup excluded').toEqual([1000, 1000, 1000]);
    expect(one.cpuMs, 'cpu median').toBe(900);
    expect(four.failedRuns, 'failed run counted').toBe(1);
    expect(four.speedup, 'speedup').toEqual({ value: 2, low: 2, high: 2 });
    expect(four.efficiency, 'efficiency').toEqual({ value: 0.5, low: 0.5, high: 0.5 });
    expect(four.peakRssBytes, 'peak RSS').toBe(300);
    expect(summary.threadsMatter, 'threads matter').toBe(true);
    expect(summary.modesMatter, 'modes equal at 1 thread').toBe(false);
    expect(summary.findings[1], 'mode finding').toContain('mode had no measurable effect on runtime');
    expect(summary.unmeasured, 'all-failed configuration listed').toEqual([
      { key: 't8-aggressive', threads: 8, mode: 'aggressive', failedRuns: 1, oomRuns: 0 },
    ]);
    expect(
      summary.models.map((m) => m.mode),
      'model per mode with two counts',
    ).toEqual(['selective']);
  });

  it('says plainly when more threads only slowed the run down', () => {
    const runs = [
      ...makeRuns(1, 'selective', [1000, 1010, 990, 1005, 995]),
      ...makeRuns(2, 'selective', [1500, 1510, 1490, 1505, 1495]),
    ];
    const summary = summarizePerformance(runs, { resamples: 2000 });
    expect(summary.threadsMatter, 'threads matter').toBe(true);
    expect(summary.findings[0], 'thread finding').toMatch(
      /^thread count changed runtime: more threads only slowed it down \(selective 2 threads ×0\.67/,
    );
  });

  it('is reproducible for a seed', () => {
    const runs = [...makeRuns(1, 'selective', [100, 130, 90, 120]), ...makeRuns(2, 'selective', [70, 60, 80, 65])];
    const a = summarizePerformance(runs, { seed: 11, resamples: 2000 });
    const b = summarizePerformance(runs, { seed: 11, resamples: 2000 });
    expect(a, 'same seed, same summary').toEqual(b);
  });
});

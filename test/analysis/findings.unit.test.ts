import { describe, expect, it } from 'vitest';
import { summarizePerformance } from '../../src/analysis/performance.js';
import { makeRuns } from './helpers.js';

describe('findings with a single sample', () => {
  it('calls no difference measurable when a side was timed once (its interval is a point, its noise unknown)', () => {
    const runs = [
      ...makeRuns(1, 'aggressive', [494_600]),
      ...makeRuns(2, 'aggressive', [169_900]),
      ...makeRuns(1, 'sequential', [217_300]),
    ];
    const summary = summarizePerformance(runs, { seed: 1, resamples: 200 });
    expect(summary.threadsMatter, 'one sample a side: threads not shown to matter').toBe(false);
    expect(summary.modesMatter, 'one sample a side: modes not shown to matter').toBe(false);
    expect(summary.findings[0], 'threads').toContain('thread count had no measurable effect on runtime');
    expect(summary.findings.at(-1), 'says why').toBe(
      '3 configuration(s) have a single timed sample, whose noise is not measured, so no difference involving them is called measurable: t1-sequential, t1-aggressive, t2-aggressive',
    );
  });

  it('still finds a real effect once each side has two samples', () => {
    const runs = [...makeRuns(1, 'aggressive', [1000, 1010]), ...makeRuns(2, 'aggressive', [500, 505])];
    const summary = summarizePerformance(runs, { seed: 1, resamples: 200 });
    expect(summary.threadsMatter, 'two samples a side, far apart').toBe(true);
  });
});

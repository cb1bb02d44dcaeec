// The summary's choices: peak RSS never overstated, peak cores not from a sliver of an interval.
import { describe, expect, it } from 'vitest';
import { summarizeTimeline } from '../../src/monitor/timeline-summary.js';
import type { TimelineSample } from '../../src/monitor/types.js';

const sample = (tMs: number, treeCores: number, treeRssBytes: number): TimelineSample => ({
  tMs,
  treeCores,
  treeRssBytes,
  treePssBytes: null,
  processes: 1,
  systemCpuPercent: 0,
  systemMemUsedBytes: 0,
});

describe('summarizeTimeline', () => {
  const samples = [sample(100, 1, 500), sample(200, 2, 800), sample(300, 1.5, 700), sample(310, 3, 100)];

  it('takes peak cores from full intervals only, mean cores from CPU over the span', () => {
    const summary = summarizeTimeline({
      samples,
      intervalMs: 100,
      cpuTicks: 46,
      ticksPerSecond: 100,
      peakProcessHwmBytes: 0,
    });
    expect(summary.cpuMs, 'ticks → ms').toBe(460);
    expect(summary.meanCores, '460 ms over 310 ms').toBeCloseTo(460 / 310, 10);
    expect(summary.peakCores, 'the 10 ms tail interval is ignored').toBe(2);
  });

  it('takes the higher of sampled tree RSS and the largest single VmHWM', () => {
    const low = summarizeTimeline({
      samples,
      intervalMs: 100,
      cpuTicks: 0,
      ticksPerSecond: 100,
      peakProcessHwmBytes: 300,
    });
    expect(low.peakRssBytes, 'sampled tree RSS').toBe(800);
    const high = summarizeTimeline({
      samples,
      intervalMs: 100,
      cpuTicks: 0,
      ticksPerSecond: 100,
      peakProcessHwmBytes: 5000,
    });
    expect(high.peakRssBytes, 'a spike between samples').toBe(5000);
  });

  it('summarizes an empty timeline to zeros', () => {
    expect(
      summarizeTimeline({ samples: [], intervalMs: 100, cpuTicks: 0, ticksPerSecond: 100, peakProcessHwmBytes: 0 }),
    ).toEqual({ peakRssBytes: 0, meanCores: 0, peakCores: 0, cpuMs: 0 });
  });
});

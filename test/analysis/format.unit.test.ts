// The one human number format every report, finding and message uses.
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatIntervalCell,
  formatMedianPlusMinus,
  formatMemoryPerThread,
  formatMs,
  formatMsEstimate,
  formatPercent,
  formatRatioValue,
  formatRatioWithInterval,
} from '../../src/core/format.js';

describe('human number formatting', () => {
  it('formats durations by size, and a dash for what was not measured', () => {
    expect([850, 4480, 12_345, 725_000, Number.NaN].map(formatMs)).toEqual([
      '850 ms',
      '4.48 s',
      '12.3 s',
      '12 min 5 s',
      '–',
    ]);
    expect(
      [999, 999.7, 1000, 9_994, 9_999, 599_949, 599_999, 779_700, Number.POSITIVE_INFINITY].map(formatMs),
      'unit boundaries, by the rounded value',
    ).toEqual(['999 ms', '1.00 s', '1.00 s', '9.99 s', '10.0 s', '599.9 s', '10 min 0 s', '13 min 0 s', '–']);
    expect(formatMsEstimate({ value: 12_300, low: 12_100, high: 12_600 })).toBe('12.3 s [12.1 s–12.6 s]');
    expect(formatMedianPlusMinus(4480, { value: 4480, low: 4420, high: 4540 }, 3)).toBe('4.48 s ± 60 ms');
    expect(formatMedianPlusMinus(4480, { value: 4480, low: 4420, high: 4540 }, 0), 'no samples').toBe('–');
  });

  it('formats ratios as a value for tables and with the interval for sentences', () => {
    const speedup = { value: 1.849, low: 1.7, high: 2.014 };
    expect(formatRatioValue(speedup)).toBe('1.85×');
    expect(formatRatioValue(speedup, ''), 'efficiency').toBe('1.85');
    expect(formatRatioValue(null), 'not measured').toBe('–');
    expect(formatRatioWithInterval(speedup)).toBe('×1.85 [1.70–2.01]');
  });

  it('formats bytes in binary units, whole from 100 up or in bytes, one decimal otherwise', () => {
    expect([512, 1536, 766 * 1024 ** 2, 1.5 * 1024 ** 3].map(formatBytes)).toEqual([
      '512 B',
      '1.5 KiB',
      '766 MiB',
      '1.5 GiB',
    ]);
    expect([1023, 1023.7 * 1024, 99.96 * 1024 ** 2].map(formatBytes), 'unit boundaries, by the rounded value').toEqual([
      '1023 B',
      '1.0 MiB',
      '100 MiB',
    ]);
    expect(formatBytes(0), 'zero is a value, not a dash').toBe('0 B');
    expect([-5, -12.5 * 1024 ** 2, -0.4].map(formatBytes), 'negative slopes keep their sign').toEqual([
      '-5 B',
      '-12.5 MiB',
      '0 B',
    ]);
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(formatBytes), 'not a number').toEqual(['–', '–']);
  });

  it('says when peak memory did not grow with threads instead of showing a dash', () => {
    expect(formatMemoryPerThread(11_423_958)).toBe('10.9 MiB');
    expect(formatMemoryPerThread(0)).toBe('none (peak memory did not grow with threads)');
  });

  it('formats percentages with at most one decimal', () => {
    expect([0.05, 0.055, 0.24, 1].map(formatPercent)).toEqual(['5%', '5.5%', '24%', '100%']);
  });
});

describe('one sample', () => {
  it('is said as "1 sample", never as "± 0 ms" or a one-point interval', () => {
    const point = { value: 4580, low: 4580, high: 4580 };
    expect(formatMedianPlusMinus(4580, point, 1), 'terminal').toBe('4.58 s (1 sample)');
    expect(formatIntervalCell(point, 1), '95% CI cell').toBe('1 sample');
    expect(formatMsEstimate(point, 1), 'in sentences').toBe('4.58 s (1 sample)');
    expect(formatIntervalCell({ value: 4500, low: 4410, high: 4600 }, 3), 'three samples').toBe('4.41 s – 4.60 s');
  });
});

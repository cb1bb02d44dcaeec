// Parses the human units a matrix file allows: durations, year ranges, memory sizes.
import type { YearRange } from './types.js';

const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "10m" → 600000; a number is already milliseconds. (The schema has checked the form.) */
export function parseDurationMs(value: string | number): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  return Math.round(Number(match[1]) * DURATION_MS[match[2] as keyof typeof DURATION_MS]);
}

/** "2025-2029" or { start, end } → YearRange (order checked by the caller, which knows the key path). */
export function parseYears(value: string | { start: number; end: number }): YearRange {
  if (typeof value !== 'string') return { start: value.start, end: value.end };
  const [start, end] = value.split('-').map(Number);
  return { start: start!, end: end! };
}

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** "80%" → { fraction: 0.8 }; "16GB" → { bytes }; a number → bytes; null → no budget. */
export function parseMemoryBudget(value: string | number | null): { fraction: number } | { bytes: number } | null {
  if (value === null) return null;
  if (typeof value === 'number') return { bytes: value };
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percent) return { fraction: Number(percent[1]) / 100 };
  const size = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(value);
  if (!size) throw new Error(`not a memory size: ${value}`);
  return { bytes: Math.round(Number(size[1]) * BYTE_UNITS[size[2]!.toLowerCase()]!) };
}

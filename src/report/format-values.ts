// Human formatting of durations, bytes, ratios and intervals, shared by every human-facing output
// so the terminal, Markdown and HTML say the same numbers the same way.
import type { Estimate } from '../analysis/types.js';

/** A duration: ms below 10 s, seconds with one decimal below 10 min, else minutes and seconds. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  if (ms < 600_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** A byte count in binary units (MiB/GiB), as memory tools report it. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A speedup or efficiency factor, e.g. `2.68×`; a dash when not measured. */
export function formatRatio(estimate: Estimate | null, suffix = '×'): string {
  return estimate === null ? '–' : `${estimate.value.toFixed(2)}${suffix}`;
}

/** A median with its interval, e.g. `4480 ms [4410, 4530]`. */
export function formatMedianCi(medianMs: number, ci: Estimate, n: number): string {
  if (n === 0) return '–';
  return `${formatMs(medianMs)} [${formatMsBare(ci.low, medianMs)}, ${formatMsBare(ci.high, medianMs)}]`;
}

/** A median ± half the interval's width, compact enough for a terminal column. */
export function formatMedianPlusMinus(medianMs: number, ci: Estimate, n: number): string {
  if (n === 0) return '–';
  const halfWidth = (ci.high - ci.low) / 2;
  return `${formatMs(medianMs)} ± ${formatMs(halfWidth)}`;
}

/** A number in the unit formatMs picked for `scaleMs`, without the unit (for interval bounds). */
function formatMsBare(ms: number, scaleMs: number): string {
  if (scaleMs < 10_000) return String(Math.round(ms));
  return (ms / 1000).toFixed(1);
}

/** A 0..1 fraction as a whole percentage. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

// Human formatting of durations, bytes, ratios and percentages: the one place every human-facing
// text (findings, reasons, gate messages, the terminal, Markdown and HTML) takes its numbers from,
// so each says the same number the same way. A dash stands for a value that was not measured.
import type { Estimate } from './types.js';

/** A duration: "850 ms", "4.48 s", "12.3 s", "12 min 5 s"; "–" when not finite. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.abs(ms) < 600_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** A duration with its interval: "12.3 s [12.1 s–12.6 s]". */
export function formatMsEstimate(estimate: Estimate): string {
  return `${formatMs(estimate.value)} [${formatMs(estimate.low)}–${formatMs(estimate.high)}]`;
}

/** A median ± half its interval's width, compact enough for a terminal column: "4.48 s ± 120 ms". */
export function formatMedianPlusMinus(medianMs: number, ci: Estimate, n: number): string {
  if (n === 0) return '–';
  return `${formatMs(medianMs)} ± ${formatMs((ci.high - ci.low) / 2)}`;
}

/** A speedup or efficiency factor, value only: "1.85×" (or another suffix); "–" when not measured. */
export function formatRatio(estimate: Estimate | null, suffix = '×'): string {
  return estimate === null ? '–' : `${estimate.value.toFixed(2)}${suffix}`;
}

/** A speedup with its interval, for sentences: "×1.85 [1.70–2.01]". */
export function formatRatioWithInterval(estimate: Estimate): string {
  return `×${estimate.value.toFixed(2)} [${estimate.low.toFixed(2)}–${estimate.high.toFixed(2)}]`;
}

/** Bytes in binary units: "512 B", "766 MiB", "1.5 GiB"; "–" when not measured (not finite or ≤ 0). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The recommendation's memory per thread: bytes, or "none" when peak memory did not grow with threads (0). */
export function formatMemoryPerThread(bytes: number): string {
  return bytes > 0 ? formatBytes(bytes) : 'none (peak memory did not grow with threads)';
}

/** A fraction as a percentage with at most one decimal: 0.05 → "5%", 0.055 → "5.5%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

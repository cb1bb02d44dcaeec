// Human formatting of durations, bytes, ratios and percentages: the one place every human-facing
// text (findings, reasons, gate messages, the terminal, Markdown and HTML) takes its numbers from,
// so each says the same number the same way. A dash stands for a value that is not a number; callers
// whose data marks "not measured" another way (a peak RSS of 0) check for it themselves.
import type { Estimate } from './estimate.js';

/** A duration: "850 ms", "4.48 s", "12.3 s", "12 min 5 s"; "–" when not finite. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  // Each unit is chosen by the value as it will be shown once rounded, so 999.7 ms reads "1.00 s",
  // 9,999 ms "10.0 s" and 779,700 ms "13 min 0 s" (never "1000 ms", "10.00 s" or "12 min 60 s").
  const abs = Math.abs(ms);
  if (Math.round(abs) < 1000) return `${Math.round(ms)} ms`;
  if (Math.round(abs / 10) < 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.round(abs / 100) < 6000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(abs / 1000);
  return `${ms < 0 ? '-' : ''}${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A duration with its interval: "12.3 s [12.1 s–12.6 s]"; "12.3 s (1 sample)" when one sample makes a zero-width "interval". */
export function formatMsEstimate(estimate: Estimate, n?: number): string {
  if (n === 1) return `${formatMs(estimate.value)} (1 sample)`;
  return `${formatMs(estimate.value)} [${formatMs(estimate.low)}–${formatMs(estimate.high)}]`;
}

/** A median ± half its interval's width, compact enough for a terminal column: "4.48 s ± 120 ms"; "4.48 s (1 sample)". */
export function formatMedianPlusMinus(medianMs: number, ci: Estimate, n: number): string {
  if (n === 0) return '–';
  // One sample has no spread to measure: "± 0 ms" would claim a precision nobody measured.
  if (n === 1) return `${formatMs(medianMs)} (1 sample)`;
  return `${formatMs(medianMs)} ± ${formatMs((ci.high - ci.low) / 2)}`;
}

/** A table's "95% CI" cell: "4.41 s – 4.60 s", or "1 sample" (a one-point interval says nothing). */
export function formatIntervalCell(ci: Estimate, n: number): string {
  return n === 1 ? '1 sample' : `${formatMs(ci.low)} – ${formatMs(ci.high)}`;
}

/** A speedup or efficiency factor, value only, for table cells: "1.85×" (or another suffix); "–" when not measured (null). */
export function formatRatioValue(estimate: Estimate | null, suffix = '×'): string {
  return estimate === null ? '–' : `${estimate.value.toFixed(2)}${suffix}`;
}

/** A speedup with its interval, for sentences: "×1.85 [1.70–2.01]". */
export function formatRatioWithInterval(estimate: Estimate): string {
  return `×${estimate.value.toFixed(2)} [${estimate.low.toFixed(2)}–${estimate.high.toFixed(2)}]`;
}

/** Bytes in binary units: "512 B", "766 MiB", "1.5 GiB", "0 B", "-12.5 MiB" (a negative slope); "–" when not finite. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Math.abs(bytes);
  let unit = 0;
  // Units and decimals are chosen by the value as shown: never "1024 KiB" or "100.0 MiB".
  while (Math.round(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const magnitude = value >= 99.95 || unit === 0 ? String(Math.round(value)) : value.toFixed(1);
  // A negative that rounds to 0 is shown as "0 B", not "-0 B".
  return `${bytes < 0 && Number(magnitude) !== 0 ? '-' : ''}${magnitude} ${units[unit]}`;
}

/** The recommendation's memory per thread: bytes, or "none" when peak memory did not grow with threads (0). */
export function formatMemoryPerThread(bytes: number): string {
  return bytes > 0 ? formatBytes(bytes) : 'none (peak memory did not grow with threads)';
}

/** A fraction as a percentage with at most one decimal: 0.05 → "5%", 0.055 → "5.5%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

// Number formatting shared by the plain-language findings, reasons and gate messages.
import type { Estimate } from './types.js';

// Milliseconds as a short human duration: "850 ms", "12.3 s", "4.2 min".
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

// A duration with its interval: "12.3 s [12.1–12.6 s]".
export function formatMsEstimate(estimate: Estimate): string {
  return `${formatMs(estimate.value)} [${formatMs(estimate.low)}–${formatMs(estimate.high)}]`;
}

// A ratio with its interval: "×1.85 [1.70–2.01]".
export function formatRatio(estimate: Estimate): string {
  return `×${estimate.value.toFixed(2)} [${estimate.low.toFixed(2)}–${estimate.high.toFixed(2)}]`;
}

// Bytes in binary units: "1.5 GiB".
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

// A fraction as a percentage: 0.05 → "5%".
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

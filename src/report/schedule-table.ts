// report.html's "Why threads help or not" table: per configuration, the work W, the critical path S,
// the parallelism W/S, Brent's bound, the scheduled and measured times, and where the slot-time went.
import { formatMs, formatPercent } from '../core/format.js';
import { escapeHtml as h } from './escape.js';
import type { Report } from './types.js';

/** The section, or '' when no run has a schedule. */
export function renderScheduleTable(report: Report): string {
  const summary = report.schedules;
  if (!summary || summary.configurations.length === 0) return '';
  const rows = summary.configurations.map((c) => {
    const cells = [
      formatMs(c.workMs),
      formatMs(c.criticalPathMs),
      `×${c.parallelism.toFixed(2)}`,
      c.idealBoundMs === null ? '–' : formatMs(c.idealBoundMs),
      formatMs(c.boundMs),
      formatMs(c.makespanMs),
      formatMs(c.wallMs),
      formatPercent(c.contendedShare),
      formatPercent(c.heldBackShare),
      formatPercent(c.starvedShare),
    ];
    return `<tr><td class="num">${c.threads}</td><td>${h(c.mode)}</td><td class="num">${c.n}</td>${cells.map((x) => `<td class="num">${h(x)}</td>`).join('')}</tr>`;
  });
  const reference = summary.runs.find((r) => r.run === summary.reference);
  const path = reference
    ? `<p>Critical path of <code>${h(reference.run)}</code> (${reference.criticalPath.length} models, ${h(formatMs(reference.criticalPathMs))}): ${reference.criticalPath.map((m) => `<code>${h(m)}</code>`).join(' → ')}</p>`
    : '';
  return `<section id="schedules"><h2>Why threads help or not</h2>
<p class="muted">Medians over each configuration's timed runs. W: the models' summed durations; S: the longest dependency chain; no schedule on T threads is shorter than max(S, W/T) (Brent's bound), here with the durations measured in the configuration, and beside it with the same mode's 1-thread durations: the gap between the two is models slowing each other down.
Waited for a slot: share of the time a ready model waited while every slot was busy. Held back: slot-time idle while a ready model waited (the mode's rules). Starved: slot-time idle with nothing ready.</p>
<table><thead><tr><th>threads</th><th>mode</th><th>runs</th><th>work W</th><th>critical path S</th><th>W/S</th><th>bound, 1-thread durations</th><th>bound</th><th>scheduled</th><th>wall</th><th>waited for a slot</th><th>held back</th><th>starved</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<details><summary>The critical path</summary>${path}</details></section>`;
}

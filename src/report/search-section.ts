// The "Adaptive search" section of report.md and report.html: runs used against the exhaustive plan,
// why the search stopped, and each configuration's fate (dropped after round k because …, added
// because the model predicted a peak there, recommended).
import { formatPercent } from '../core/format.js';
import type { SearchReport } from '../search/types.js';
import { escapeHtml as h, escapeMarkdown, escapeMarkdownCode } from './escape.js';
import type { Report } from './types.js';

function describeHeadline(search: SearchReport): string {
  const stop = search.stop
    ? `stopped after round ${search.stop.round} (${search.stop.reason}): ${search.stop.detail}`
    : 'not finished (resume it with --resume)';
  return `${search.runsUsed} of the exhaustive plan's ${search.exhaustiveRuns} runs (${formatPercent(search.fractionOfExhaustive)}; budget ${search.budgetRuns}) in ${search.rounds} round(s); ${stop}`;
}

/** Markdown lines of the section; none for an exhaustive plan. */
export function renderSearchMarkdown(report: Report): string[] {
  const search = report.search;
  if (!search) return [];
  const rows = search.configurations.map(
    (c) => `| ${c.threads} | ${c.mode} | ${c.samples} | ${c.fate} | ${escapeMarkdown(c.detail)} |`,
  );
  return [
    '## Adaptive search',
    '',
    escapeMarkdown(describeHeadline(search)),
    '',
    '| threads | mode | timed runs | fate | why |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Every decision is in ${escapeMarkdownCode('search.jsonl')} and under ${escapeMarkdownCode('search')} in report.json.`,
  ];
}

/** The HTML section; empty for an exhaustive plan. */
export function renderSearchHtml(report: Report): string {
  const search = report.search;
  if (!search) return '';
  const rows = search.configurations
    .map(
      (c) =>
        `<tr><td class="num">${c.threads}</td><td>${h(c.mode)}</td><td class="num">${c.samples}</td><td><span class="badge ${c.fate === 'dropped' ? 'skipped' : 'pass'}">${h(c.fate)}</span></td><td>${h(c.detail)}</td></tr>`,
    )
    .join('\n');
  return `<section id="search"><h2>Adaptive search</h2>
<p>${h(describeHeadline(search))}</p>
<table><thead><tr><th>threads</th><th>mode</th><th>timed runs</th><th>fate</th><th>why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

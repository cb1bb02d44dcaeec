// The "Adaptive search" (or "Predicted search") section of report.md and report.html: runs used
// against the exhaustive plan, what the prediction kept in the race, why the search stopped, and each
// configuration's fate (dropped after round k because …, added because the model predicted a peak
// there, recommended).
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

function titleOf(search: SearchReport): string {
  return search.strategy === 'predicted' ? 'Predicted search' : 'Adaptive search';
}

/** A predicted search's prediction after its probes, in words; null for an adaptive one. */
function describePrediction(search: SearchReport): string | null {
  const predict = search.decisions.find((d) => d.kind === 'predict');
  return predict ? `After round ${predict.round}: ${predict.detail}.` : null;
}

/** Markdown lines of the section; none for an exhaustive plan. */
export function renderSearchMarkdown(report: Report): string[] {
  const search = report.search;
  if (!search) return [];
  const rows = search.configurations.map(
    (c) => `| ${c.threads} | ${c.mode} | ${c.samples} | ${c.fate} | ${escapeMarkdown(c.detail)} |`,
  );
  const prediction = describePrediction(search);
  return [
    `## ${titleOf(search)}`,
    '',
    escapeMarkdown(describeHeadline(search)),
    '',
    ...(prediction ? [escapeMarkdown(prediction), ''] : []),
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
  const prediction = describePrediction(search);
  return `<section id="search"><h2>${titleOf(search)}</h2>
<p>${h(describeHeadline(search))}</p>${prediction ? `\n<p>${h(prediction)}</p>` : ''}
<table><thead><tr><th>threads</th><th>mode</th><th>timed runs</th><th>fate</th><th>why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

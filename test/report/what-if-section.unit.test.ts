// The what-if section shows a scenario whose times are the calibration prior's guess (PlanAlign's
// "DuckDB threads at N": no run varies DuckDB's threads) as such: marked "(prior)" in the table with
// why below it, in the terminal, Markdown and HTML alike, and left out of the charts of predictions.
import { describe, expect, it } from 'vitest';
import {
  buildWhatIfChart,
  formatWhatIfText,
  renderWhatIfHtml,
  renderWhatIfMarkdown,
} from '../../src/report/what-if-section.js';
import type { Report } from '../../src/report/types.js';
import type { WhatIfReport, WhatIfScenario } from '../../src/simulate-schedule/what-if.js';

const WHY = 'every run had DuckDB at 16 threads, so nothing measured says what 16 threads cost against N';

function scenarioOf(name: string, predictedMs: number, uncalibrated: string | null): WhatIfScenario {
  return {
    name,
    description: name,
    workMs: 90_000,
    criticalPathMs: 80_000,
    points: [1, 2].map((threads) => ({ threads, boundMs: 80_000, predictedMs, predictedOtherCoresMs: null })),
    uncalibrated,
  };
}

const whatIf: WhatIfReport = {
  referenceRun: 't1-sequential-r1',
  rules: 'dbt',
  cores: 2,
  otherCores: null,
  findings: ['a finding'],
  scenarios: [scenarioOf('as shipped', 160_000, null), scenarioOf('DuckDB threads at N', 127_000, WHY)],
  sensitivity: [],
};
const report = { whatIf } as unknown as Report;

describe('the what-if section with a scenario the calibration does not reach', () => {
  it('marks its times "(prior)" and says why below the table, in text, Markdown and HTML', () => {
    const text = formatWhatIfText(whatIf);
    expect(text, 'text: the marked time').toContain('127.0 s (prior)');
    expect(text, 'text: why').toContain(`DuckDB threads at N (prior): ${WHY}`);
    expect(text, 'text: the calibrated one unmarked').toMatch(/as shipped\s.*160\.0 s\n/);
    const markdown = renderWhatIfMarkdown(report).join('\n');
    expect(markdown, 'markdown').toContain('127.0 s (prior)');
    expect(markdown, 'markdown: why').toContain(`DuckDB threads at N (prior): ${WHY}`);
    const html = renderWhatIfHtml(report);
    expect(html, 'html').toContain('<td>127.0 s (prior)</td>');
    expect(html, 'html: why').toContain(`<p>DuckDB threads at N (prior): ${WHY}</p>`);
  });

  it('leaves it out of the charts of predictions (the bars and the HTML chart)', () => {
    const bars = formatWhatIfText(whatIf).split('predicted time (2 cores):')[1]!;
    expect(bars, 'bars: the calibrated scenario').toContain('as shipped');
    expect(bars, 'bars: not the guess').not.toContain('DuckDB threads at N');
    const chart = buildWhatIfChart(report)!;
    const values = (chart.spec.data as { values: { change: string }[] }).values;
    expect([...new Set(values.map((v) => v.change))], 'chart series').toEqual(['as shipped']);
  });
});

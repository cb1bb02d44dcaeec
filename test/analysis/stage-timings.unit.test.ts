import { describe, expect, it } from 'vitest';
import { summarizeStageTimings } from '../../src/analysis/stage-timings.js';
import { markdownExporter } from '../../src/report/markdown-exporter.js';
import { renderStageSection } from '../../src/report/stage-section.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { makeRun } from './helpers.js';

const stages = (foundationMs: number, eventsMs: number) => [
  { name: '2025/FOUNDATION', ms: foundationMs },
  { name: '2025/EVENT_GENERATION', ms: eventsMs },
];

describe('stage timings', () => {
  const runs = [
    makeRun({ threads: 1, mode: 'sequential', rep: 1, stages: stages(60_000, 30_000) }),
    makeRun({ threads: 1, mode: 'sequential', rep: 2, stages: stages(62_000, 28_000) }),
    makeRun({ threads: 1, mode: 'sequential', rep: 3, stages: stages(64_000, 29_000) }),
    makeRun({
      threads: 4,
      mode: 'aggressive',
      rep: 1,
      stages: [...stages(20_000, 10_000), { name: '2025/EVENT_GENERATION', ms: 1_000 }],
    }),
    makeRun({ threads: 4, mode: 'aggressive', rep: 2, status: 'failed', stages: stages(1, 1) }),
    makeRun({ threads: 4, mode: 'aggressive', rep: 1, warmup: true, stages: stages(99_000, 99_000) }),
    makeRun({ threads: 2, mode: 'selective', rep: 1 }),
  ];

  it('takes the median of each stage per configuration over timed successful runs, in pipeline order', () => {
    expect(summarizeStageTimings(runs), 'rows').toEqual([
      { stage: '2025/FOUNDATION', threads: 1, mode: 'sequential', medianMs: 62_000, runs: 3 },
      { stage: '2025/EVENT_GENERATION', threads: 1, mode: 'sequential', medianMs: 29_000, runs: 3 },
      // A stage reported twice in one run (a retry) counts with its total.
      { stage: '2025/FOUNDATION', threads: 4, mode: 'aggressive', medianMs: 20_000, runs: 1 },
      { stage: '2025/EVENT_GENERATION', threads: 4, mode: 'aggressive', medianMs: 11_000, runs: 1 },
    ]);
    expect(
      summarizeStageTimings([makeRun({ threads: 1, mode: 'sequential' })]),
      'a target that reports no stage',
    ).toEqual([]);
  });

  it('shows a stage table in the HTML and Markdown reports, escaping stage names, and nothing when there are none', () => {
    const report = buildSampleReport({
      stageTimings: summarizeStageTimings([
        ...runs,
        makeRun({ threads: 1, mode: 'sequential', rep: 4, stages: [{ name: '<b>x|y</b>', ms: 5 }] }),
      ]),
    });
    const html = renderStageSection(report);
    expect(html, 'median in its cell').toContain(
      '<tr><td><code>2025/FOUNDATION</code></td><td class="num">62.0 s</td><td class="num">20.0 s</td></tr>',
    );
    expect(html, 'escaped').toContain('&lt;b&gt;x|y&lt;/b&gt;');
    const md = markdownExporter.serialize(report) as string;
    expect(md, 'markdown table').toContain("## The orchestrator's own timings");
    expect(md, 'markdown row').toContain('| `2025/EVENT_GENERATION` | 29.0 s | 11.0 s |');
    expect(renderStageSection(buildSampleReport({ stageTimings: [] })), 'no section without stages').toBe('');
  });
});

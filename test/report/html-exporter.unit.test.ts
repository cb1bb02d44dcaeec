import { describe, expect, it } from 'vitest';
import { htmlExporter } from '../../src/report/html-exporter.js';
import { buildChartSpecs } from '../../src/report/html-charts.js';
import { renderHtmlPage } from '../../src/report/html-page.js';
import { renderChartSvg } from '../../src/report/render-charts.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { HOSTILE_SCRIPT, HOSTILE_STDERR, withHostileFailedRun, withHostileTableName } from './hostile-report.js';

describe('html exporter', () => {
  it('is one self-contained page: inline SVG charts, no script, nothing fetched', async () => {
    const html = await htmlExporter.serialize(buildSampleReport());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g), 'four inline charts').toHaveLength(4);
    expect(html).not.toMatch(/<script|<link |@import|url\(|src=/i);
    expect(html, 'no absolute URL outside the SVG namespace declarations').not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('puts the verdict first and big, the recommendation highlighted, and a linked determinism grid', async () => {
    const html = await htmlExporter.serialize(buildSampleReport());
    expect(html.indexOf('<div class="verdict-word">FAIL</div>'), 'verdict before everything else').toBeLessThan(
      html.indexOf('id="recommendation"'),
    );
    expect(html).toContain('<div class="verdict-detail">determinism violation (exit 1)</div>');
    expect(html).toContain('<span class="figure">4</span> threads · mode <span class="figure">sequential</span>');
    expect(html).toContain('<td class="fail"><a href="#divergence-1">✗ divergence 1</a></td>');
    expect(html.match(/<td class="pass">/g), 'five identical cells (reference included)').toHaveLength(5);
    expect(html).toContain('<article class="divergence" id="divergence-1">');
  });

  it('shows a divergence repeated in other runs once, with its runs and configurations, and links every cell to it', () => {
    const base = buildSampleReport();
    const [first] = base.determinism.divergences;
    const again = { ...first!, run: 't2-sequential-r1', threads: 2, mode: 'sequential' as const };
    const other = { ...first!, run: 't2-sequential-r1', threads: 2, mode: 'sequential' as const, table: 'other_table' };
    const report = {
      ...base,
      determinism: {
        ...base.determinism,
        divergences: [first!, again, other],
        configurations: { ...base.determinism.configurations, 't2-sequential': 'fail' as const },
      },
    };
    const html = renderHtmlPage(report, []);
    expect(html, 'said how many are distinct').toContain(
      '<p>3 divergences, 2 distinct: each is shown once with the runs it occurred in.</p>',
    );
    expect(html.match(/<article class="divergence"/g), 'one article per finding').toHaveLength(2);
    expect(html, 'the finding names both runs').toContain(
      `<h3>1. <code>${first!.run}</code>, <code>t2-sequential-r1</code> — table <code>${first!.table}</code></h3>`,
    );
    expect(html, 'and both configurations').toContain('<p>4 thread(s), selective; 2 thread(s), sequential ·');
    expect(html, 't2-sequential links to both of its findings').toContain(
      '<td class="fail"><a href="#divergence-1">✗ divergence 1</a><br><a href="#divergence-2">✗ divergence 2</a></td>',
    );
    expect(html, 't4-selective links to the first').toContain(
      '<td class="fail"><a href="#divergence-1">✗ divergence 1</a></td>',
    );
  });

  it('shows a dash for a peak RSS that was not measured (0) rather than "0 B"', () => {
    const base = buildSampleReport();
    const configurations = base.performance.configurations.map((c) =>
      c.key === 't4-sequential' ? { ...c, peakRssBytes: 0 } : c,
    );
    const html = renderHtmlPage({ ...base, performance: { ...base.performance, configurations } }, []);
    expect(html).toContain(
      '<td class="num">4</td><td>sequential</td><td class="num">3/3</td><td class="num">4.48 s</td><td class="num">4.41 s – 4.53 s</td><td class="num">2.69×</td><td class="num">0.67</td><td class="num">–</td>',
    );
    expect(html).toContain(
      '<td class="num">4</td><td>selective</td><td class="num">3/3</td><td class="num">4.46 s</td><td class="num">4.39 s – 4.52 s</td><td class="num">2.71×</td><td class="num">0.68</td><td class="num">351 MiB</td>',
    );
  });

  it('escapes a hostile table name and a stderr tail that tries to close a textarea', async () => {
    const report = withHostileFailedRun(withHostileTableName(buildSampleReport(), HOSTILE_SCRIPT), HOSTILE_STDERR);
    const html = await htmlExporter.serialize(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('</textarea>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('boom &lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('has Vega escape text drawn inside the SVG', async () => {
    const report = buildSampleReport();
    const [runtime] = buildChartSpecs(report);
    const hostile = { ...runtime!, spec: { ...runtime!.spec, title: `${HOSTILE_SCRIPT} & more` } };
    const { svg } = await renderChartSvg(hostile);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });

  it('leaves out charts it has no data for', async () => {
    const base = buildSampleReport();
    const html = await htmlExporter.serialize({ ...base, timelines: {} });
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toContain('id="chart-cpu-timeline"');
  });
});

describe('timeline charts', () => {
  it('downsample long timelines keeping the peaks', () => {
    const base = buildSampleReport();
    const [runId, timeline] = Object.entries(base.timelines)[0]!;
    const samples = Array.from({ length: 2000 }, (_, i) => ({
      ...timeline.samples[0]!,
      tMs: i * 500,
      treeCores: i === 1234 ? 7.5 : 1,
      treeRssBytes: 100 * 1024 * 1024,
    }));
    const report = { ...base, timelines: { [runId]: { ...timeline, samples } } };
    const cpu = buildChartSpecs(report).find((c) => c.id === 'cpu-timeline')!;
    const values = (cpu.spec as { data: { values: { cores: number }[] } }).data.values;
    expect(values.length, 'points after downsampling').toBeLessThanOrEqual(240);
    expect(Math.max(...values.map((v) => v.cores)), 'peak kept').toBe(7.5);
  });
});

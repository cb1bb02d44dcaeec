// The schedule charts and findings in report.html, from a hand-built report: the Gantt chart of the
// reference run and the recommended configuration, the bound chart, the model durations chart.
import { describe, expect, it } from 'vitest';
import { buildChartSpecs } from '../../src/report/html-charts.js';
import { htmlExporter } from '../../src/report/html-exporter.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { withFixtureSchedules } from '../fixtures/schedule-fixture.js';

describe('schedule charts', () => {
  const report = withFixtureSchedules(buildSampleReport());

  it('adds the Gantt, bound and durations charts only when runs have schedules', () => {
    expect(buildChartSpecs(report).map((c) => c.id)).toEqual([
      'runtime',
      'speedup',
      'cpu-timeline',
      'memory-timeline',
      'schedule-gantt',
      'schedule-bound',
      'model-durations',
    ]);
    expect(buildChartSpecs(buildSampleReport()).map((c) => c.id)).not.toContain('schedule-gantt');
  });

  it('puts the reference run beside the recommended configuration, the critical path outlined', () => {
    const gantt = buildChartSpecs(report).find((c) => c.id === 'schedule-gantt')!.spec as unknown as {
      hconcat: { title: { text: string }; data: { values: { critical: boolean; slot: number }[] } }[];
    };
    expect(gantt.hconcat.map((p) => p.title.text)).toEqual([
      'reference t1-sequential-r1',
      'recommended t4-sequential-r1',
    ]);
    const [reference, recommended] = gantt.hconcat.map((p) => p.data.values);
    expect(
      reference!.filter((v) => !v.critical).map((v) => v.slot),
      'the terminations, shorter than the hires, are off the path',
    ).toEqual([0, 0, 0]);
    expect(
      recommended!.filter((v) => !v.critical).map((v) => v.slot),
      'and ran beside the hires at 4 threads',
    ).toEqual([1, 1, 1]);
  });

  it('states the bound and what limits each thread count among the findings', () => {
    const [chain, two] = report.schedules!.findings;
    expect(chain).toBe(
      'no thread count can run this faster than ×1.38: the critical path is 72.7% of the work (S 4.80 s of W 6.60 s in run t1-sequential-r1); ' +
        'it crosses 3 years, in 2027: int_workforce_start → int_hiring_events → fct_workforce_snapshot',
    );
    // W: 3 × (400 + 900·1.25 + 600·1.25 + 300) = 7725 ms against 6600 at 1 thread; S = 3 × (400 + 1125 + 300) = 5475 ms;
    // idle: 2 × 5475 − 7725 = 3225 slot-ms with nothing ready.
    expect(two).toBe(
      '2 threads (sequential): 6.98 s measured, 5.47 s of it scheduled, against a bound of 5.47 s (max(S, W/T) with the durations measured here; 4.80 s with the 1-thread durations); ' +
        'slots sat idle with nothing ready 29.5% of the slot-time (the dependency chain); ' +
        'the same work took ×1.17 as long as at 1 thread (each model ran slower than alone: the cores were shared)',
    );
  });

  it('renders all three as inline SVG in report.html', async () => {
    const html = await htmlExporter.serialize(report);
    for (const id of ['schedule-gantt', 'schedule-bound', 'model-durations'])
      expect(html).toMatch(new RegExp(`<figure id="chart-${id}" class="[a-z]*"><figcaption>[^<]+</figcaption><svg `));
    expect(html).toContain('<figure id="chart-schedule-gantt" class="wide">');
  });
});

describe('the "Why threads help or not" table', () => {
  it('lists W, S, W/S, the bound and the waiting shares per configuration, and names the critical path', async () => {
    const html = await htmlExporter.serialize(withFixtureSchedules(buildSampleReport()));
    expect(html).toContain('<section id="schedules"><h2>Why threads help or not</h2>');
    expect(html).toContain(
      '<tr><td class="num">2</td><td>sequential</td><td class="num">3</td><td class="num">7.72 s</td><td class="num">5.47 s</td><td class="num">×1.41</td><td class="num">4.80 s</td><td class="num">5.47 s</td><td class="num">5.47 s</td><td class="num">6.98 s</td><td class="num">0%</td><td class="num">0%</td><td class="num">29.5%</td></tr>',
    );
    expect(html).toContain('<code>int_workforce_start 2025</code> → <code>int_hiring_events 2025</code>');
    expect(await htmlExporter.serialize(buildSampleReport())).not.toContain('id="schedules"');
  });
});

import { describe, expect, it } from 'vitest';
import { markdownExporter } from '../../src/report/markdown-exporter.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { HOSTILE_SCRIPT, withHostileTableName } from './hostile-report.js';

const render = (report = buildSampleReport()) => markdownExporter.serialize(report) as string;

describe('markdown exporter', () => {
  it('starts with the verdict and its gate reasons', () => {
    const md = render();
    const lines = md.split('\n');
    expect(lines[0], 'first line').toBe('# ❌ threadgate FAIL — determinism violation (exit 1)');
    expect(md.indexOf('**determinism** (fail)'), 'gate reason before divergences').toBeLessThan(
      md.indexOf('## Divergences'),
    );
    expect(md).toContain('⏭️ **performance** (skipped)');
  });

  it('describes the divergence with first year, groups, columns and sample rows', () => {
    const md = render();
    expect(md).toContain('### <a id="divergence-1"></a>1. `fct_yearly_events` — `t4-selective-r2`');
    expect(md).toContain('- first year: 2026');
    expect(md).toContain('`simulation_year=2026, event_type=hire`');
    expect(md).toContain('- columns: `event_sequence`');
    expect(md).toContain('also differs from itself on repetition');
    // The differing column and the identifying ones (groupBy first), not every column.
    expect(md).toMatch(/\| reference \| \+1 \| `2026` \| `hire` \| `EMP_000131` \| `1` \|/);
    expect(md).toMatch(/\| run \| \+1 \| `2026` \| `hire` \| `EMP_000131` \| `2` \|/);
  });

  it('has one configuration row per configuration with CI, speedup and determinism', () => {
    const md = render();
    const rows = md.split('\n').filter((l) => /^\| \d+ \| (sequential|selective) \|/.test(l));
    expect(rows, 'configuration rows').toHaveLength(6);
    expect(md).toContain('| 4 | sequential | 3/3 | 4.48 s | 4.41 s – 4.53 s | 2.69× | 0.67 | 351 MiB | – | ✅ pass |');
    expect(md).toContain('| 4 | selective | 3/3 | 4.46 s | 4.39 s – 4.52 s | 2.71× | 0.68 | 351 MiB | – | ❌ fail |');
  });

  it('shows a dash for a peak RSS that was not measured (0) rather than "0 B"', () => {
    const base = buildSampleReport();
    const configurations = base.performance.configurations.map((c) =>
      c.key === 't4-sequential' ? { ...c, peakRssBytes: 0 } : c,
    );
    const md = render({ ...base, performance: { ...base.performance, configurations } });
    expect(md).toContain('| 4 | sequential | 3/3 | 4.48 s | 4.41 s – 4.53 s | 2.69× | 0.67 | – | – | ✅ pass |');
  });

  it('ends with findings and the recommendation with its YAML snippet', () => {
    const md = render();
    expect(md).toContain('## Findings\n\n- Thread count matters');
    expect(md).toContain('**4 thread(s), mode `sequential`** — max_threads 6, confidence 82%');
    expect(md.slice(md.lastIndexOf('```yaml'))).toBe(
      '```yaml\norchestrator:\n  threading:\n    enabled: true\n    thread_count: 4\n    mode: sequential\n    resource_management:\n      max_threads: 6\n```\n',
    );
  });

  it('says why there is no recommendation, and reports a clean pass', () => {
    const base = buildSampleReport();
    const md = render(
      buildSampleReport({
        recommendation: null,
        recommendationError: 'no configuration was deterministic',
        determinism: { ...base.determinism, verdict: 'pass', divergences: [] },
        gate: {
          verdict: 'pass',
          exitCode: 0,
          reasons: [{ check: 'determinism', status: 'pass', message: 'identical' }],
        },
      }),
    );
    expect(md.split('\n')[0]).toBe('# ✅ threadgate PASS — all checks passed (exit 0)');
    expect(md).toContain('No divergences: 17 run(s) compared identical to `t1-sequential-r1`.');
    expect(md).toContain('No recommendation: no configuration was deterministic.');
  });

  it('keeps a hostile table name from becoming HTML in a job summary', () => {
    const md = render(withHostileTableName(buildSampleReport(), HOSTILE_SCRIPT));
    // Inside code spans GitHub shows text literally; everywhere else no raw tag may remain.
    expect(md).toContain('`<script>alert(1)</script>`');
    expect(md.replace(/`[^`]*`/g, '').replace(/<a id="divergence-\d+"><\/a>/g, '')).not.toContain('<');
  });

  it('details at most 20 divergences, so a job summary stays small', () => {
    const base = buildSampleReport();
    const [one] = base.determinism.divergences;
    const divergences = Array.from({ length: 25 }, (_, i) => ({
      ...one!,
      run: `t4-selective-r${i + 1}`,
      table: `table_${i + 1}`,
    }));
    const md = render({ ...base, determinism: { ...base.determinism, divergences } });
    expect(md.match(/^### /gm), 'detailed divergences').toHaveLength(20);
    expect(md).toContain('… and 5 more finding(s): see report.html or report.json.');
  });

  it('says divergences with the same table, groups and columns once, with their runs', () => {
    const base = buildSampleReport();
    const [one] = base.determinism.divergences;
    const divergences = Array.from({ length: 3 }, (_, i) => ({ ...one!, run: `t4-selective-r${i + 1}` }));
    const md = render({ ...base, determinism: { ...base.determinism, divergences } });
    expect(md.match(/^### /gm), 'one finding').toHaveLength(1);
    expect(md).toContain('3 divergences, 1 distinct: each is said once with the runs it occurred in.');
    expect(md).toContain('1. `fct_yearly_events` — `t4-selective-r1`, `t4-selective-r2`, `t4-selective-r3`');
  });
});

import { describe, expect, it } from 'vitest';
import { formatSummaryTable } from '../../src/report/summary-table.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

describe('summary table', () => {
  it('shows one row per configuration, then the verdict and the recommendation', () => {
    const text = formatSummaryTable(buildSampleReport());
    const lines = text.split('\n');
    expect(
      lines.some((l) => /threads.*mode.*runs ok.*median ± CI.*speedup.*peak RSS.*noisy.*determinism/.test(l)),
      'header',
    ).toBe(true);
    const rows = lines.filter((l) => /│\s+\d+ │ (sequential|selective)/.test(l));
    expect(rows, 'configuration rows').toHaveLength(6);
    expect(lines.indexOf(rows[5]!) - lines.indexOf(rows[0]!), 'rows adjacent, no rules between').toBe(5);
    expect(rows[2]).toMatch(
      /│\s+4 │ sequential\s+│\s+3\/3 │\s+4\.48 s ± 60 ms │\s+2\.69× │\s+351 MiB │\s+– │ ✓ identical\s+│/,
    );
    expect(rows[5]).toMatch(
      /│\s+4 │ selective\s+│\s+3\/3 │\s+4\.46 s ± 65 ms │\s+2\.71× │\s+351 MiB │\s+– │ ✗ DIVERGES\s+│/,
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI colour codes
    expect(text).not.toMatch(/\x1b\[/); // no colour codes: the same text goes to logs and files
    expect(lines.slice(-3)).toEqual([
      'Verdict: FAIL — determinism violation (exit 1)',
      '  ✗ determinism: 1 divergence: t4-selective-r2 fct_yearly_events differs from t1-sequential-r1 (first year 2026).',
      'Recommended: 4 thread(s), mode sequential (max_threads 6, confidence 82%: how sure the pick is; 100% needs 5 timed samples per configuration and little noise)',
    ]);
  });

  it('shows a dash for a peak RSS that was not measured (0) rather than "0 B"', () => {
    const base = buildSampleReport();
    const configurations = base.performance.configurations.map((c) =>
      c.key === 't4-sequential' ? { ...c, peakRssBytes: 0 } : c,
    );
    const text = formatSummaryTable({ ...base, performance: { ...base.performance, configurations } });
    expect(text).toMatch(/│\s+4 │ sequential\s+│\s+3\/3 │\s+4\.48 s ± 60 ms │\s+2\.69× │\s+– │\s+– │ ✓ identical\s+│/);
  });

  it('says why there is no recommendation and counts failed runs', () => {
    const base = buildSampleReport();
    const runs = base.runs.map((r) => (r.id === 't2-selective-r3' ? { ...r, status: 'failed' as const } : r));
    const text = formatSummaryTable({
      ...base,
      runs,
      recommendation: null,
      recommendationError: 'every configuration diverged',
    });
    expect(text).toMatch(/│\s+2 │ selective\s+│\s+2\/3 │/);
    expect(text.split('\n').at(-1)).toBe('No recommendation: every configuration diverged');
  });
});

// The writer rewrites reports after the first run and on an interrupted run: exporters must cope
// with a report that has no finished runs, no statistics and no recommendation yet.
import { describe, expect, it } from 'vitest';
import { decideGate } from '../../src/analysis/gate.js';
import type { DeterminismVerdict } from '../../src/analysis/types.js';
import { EXPORTERS } from '../../src/report/exporters.js';
import { formatSummaryTable } from '../../src/report/summary-table.js';
import type { Report } from '../../src/report/types.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

function buildEmptyReport(): Report {
  const base = buildSampleReport();
  const determinism: DeterminismVerdict = {
    verdict: 'skipped',
    reference: null,
    referenceNote: 'no successful run with digests: nothing to compare',
    compared: 0,
    divergences: [],
    configurations: {},
  };
  return {
    ...base,
    pendingRuns: 18,
    runs: [],
    timelines: {},
    performance: { configurations: [], models: [], findings: [], threadsMatter: false, modesMatter: false },
    determinism,
    recommendation: null,
    recommendationError: 'no run has finished yet',
    gate: decideGate({ determinism, runs: [], pendingRuns: 18, runDir: '/reports/nightly-x' }),
  };
}

describe('a report with no finished runs', () => {
  it('serializes in every format and says what is pending', async () => {
    const report = buildEmptyReport();
    const md = await EXPORTERS.markdown.serialize(report);
    expect(md.split('\n')[0], 'title').toBe(
      '# ⚠️ threadgate INCOMPLETE — runs missing, nothing judged (exit 4) — 18 of 18 run(s) missing',
    );
    expect(md, 'the resume command').toContain('threadgate run --resume /reports/nightly-x');
    expect(md).toContain('No recommendation: no run has finished yet.');
    const html = await EXPORTERS.html.serialize(report);
    expect(html).not.toContain('<svg');
    expect(html).toContain('<strong>18 run(s) pending</strong>');
    expect(html, 'banner').toContain(
      '<header class="verdict incomplete" id="verdict">\n<div class="verdict-word">INCOMPLETE</div>',
    );
    expect(html.match(/<td class="no-data">– no data<\/td>/g), 'grid cells').toHaveLength(6);
    expect(await EXPORTERS.csv.serialize(report)).toBe(
      'id,threads,mode,rep,warmup,status,exitCode,wallMs,cpuMs,peakRssBytes,meanCores,digest:fct_yearly_events,digest:fct_workforce_snapshot,error,outsideCores,stealCores,noisy,stressBytes\r\n',
    );
    const junit = await EXPORTERS.junit.serialize(report);
    expect(junit).toContain('<testsuite name="determinism" tests="6" failures="0" errors="0" skipped="6"');
    expect(junit, 'completeness and evidence fail in the gate suite').toContain(
      '<testsuite name="gate" tests="6" failures="2" errors="0" skipped="4"',
    );
    expect(JSON.parse(await EXPORTERS.json.serialize(report))).toEqual(report);
    expect(formatSummaryTable(report)).toMatch(/│\s+4 │ selective\s+│\s+0\/0 │\s+– │\s+– │\s+– │\s+– │ – no data\s+│/);
  });
});

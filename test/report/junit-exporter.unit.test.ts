import { describe, expect, it } from 'vitest';
import { junitExporter } from '../../src/report/junit-exporter.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { HOSTILE_SCRIPT, withHostileTableName } from './hostile-report.js';

const render = (report = buildSampleReport()) => junitExporter.serialize(report) as string;

function suite(xml: string, name: string): string {
  const match = new RegExp(`<testsuite name="${name}"[\\s\\S]*?</testsuite>`).exec(xml);
  expect(match, `suite ${name}`).not.toBeNull();
  return match![0];
}

describe('junit exporter', () => {
  it('has a determinism suite with one testcase per configuration and a failure for the divergent one', () => {
    const determinism = suite(render(), 'determinism');
    expect(determinism).toMatch(/^<testsuite name="determinism" tests="6" failures="1" errors="0" skipped="0"/);
    expect(determinism.match(/<testcase /g), 'testcases').toHaveLength(6);
    const failing = /<testcase name="([^"]+)"[^>]*>\s*<failure message="([^"]+)"/.exec(determinism);
    expect(failing?.[1], 'failing testcase').toBe('t4-selective');
    expect(failing?.[2]).toBe('1 divergence(s): t4-selective-r2 fct_yearly_events');
    expect(determinism).toContain('t4-selective-r2: fct_yearly_events differs from 2026');
  });

  it('has a gate suite with a failure per failed reason and skipped for skipped ones', () => {
    const gate = suite(render(), 'gate');
    expect(gate).toMatch(/^<testsuite name="gate" tests="4" failures="1" errors="0" skipped="2"/);
    expect(gate).toMatch(/<testcase name="determinism"[^>]*>\s*<failure /);
    expect(gate).toMatch(/<testcase name="failures"[^>]*\/>/);
    expect(gate).toMatch(
      /<testcase name="golden-digests"[^>]*>\s*<skipped message="No golden digests given \(--baseline\)\."\/>/,
    );
  });

  it('escapes hostile names and strips characters XML cannot hold', () => {
    const report = withHostileTableName(buildSampleReport(), `${HOSTILE_SCRIPT}"\u0001`);
    const xml = render(report);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
  });
});

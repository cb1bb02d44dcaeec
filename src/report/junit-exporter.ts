// junit.xml: CI systems show determinism per configuration and each gate check as test results.
import { escapeXml } from './escape.js';
import { describeDivergence, listConfigurationRows } from './report-rows.js';
import type { Exporter, Report } from './types.js';
import { describeRootCause, findRootCausesOf } from './root-cause-rows.js';

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly timeSeconds: number;
  readonly failure: { readonly message: string; readonly body: string } | null;
  readonly skipped: string | null;
}

function renderSuite(name: string, cases: readonly TestCase[]): string[] {
  const failures = cases.filter((c) => c.failure !== null).length;
  const skipped = cases.filter((c) => c.skipped !== null).length;
  const time = cases.reduce((sum, c) => sum + c.timeSeconds, 0);
  const lines = [
    `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`,
  ];
  for (const c of cases) {
    const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="${c.timeSeconds.toFixed(3)}"`;
    if (c.failure) {
      lines.push(
        `${open}>`,
        `      <failure message="${escapeXml(c.failure.message)}" type="${escapeXml(name)}">${escapeXml(c.failure.body)}</failure>`,
        '    </testcase>',
      );
    } else if (c.skipped !== null) {
      lines.push(`${open}>`, `      <skipped message="${escapeXml(c.skipped)}"/>`, '    </testcase>');
    } else {
      lines.push(`${open}/>`);
    }
  }
  lines.push('  </testsuite>');
  return lines;
}

function listDeterminismCases(report: Report): TestCase[] {
  return listConfigurationRows(report).map((row) => {
    const divergences = report.determinism.divergences.filter((d) => d.threads === row.threads && d.mode === row.mode);
    const wallMs = report.runs
      .filter((r) => r.threads === row.threads && r.mode === row.mode)
      .reduce((s, r) => s + r.wallMs, 0);
    const base = {
      name: row.key,
      classname: `threadgate.${report.matrix.name}.determinism`,
      timeSeconds: wallMs / 1000,
    };
    if (divergences.length > 0 || row.determinism === 'fail') {
      const causes = [...new Set(divergences.flatMap((d) => findRootCausesOf(report, d)))];
      const lines = [...causes.map(describeRootCause), ...divergences.map(describeDivergence)];
      // The root cause first: the symptom (which compared tables) follows it.
      const cause =
        causes.length > 0
          ? `${causes.map((c) => `root cause ${c.relation}${c.classification ? ` (${c.classification.verdict})` : ''}`).join(', ')}; `
          : '';
      return {
        ...base,
        failure: {
          message: `${cause}${divergences.length} divergence(s): ${divergences.map((d) => `${d.run} ${d.table}${d.kind === 'schema' ? ' (schema)' : ''}`).join(', ')}`,
          body: lines.join('\n'),
        },
        skipped: null,
      };
    }
    if (row.determinism === 'no-data')
      return { ...base, failure: null, skipped: 'no successful digested run to compare' };
    return { ...base, failure: null, skipped: null };
  });
}

function listGateCases(report: Report): TestCase[] {
  return report.gate.reasons.map((reason) => ({
    name: reason.check,
    classname: `threadgate.${report.matrix.name}.gate`,
    timeSeconds: 0,
    failure: reason.status === 'fail' ? { message: reason.message, body: reason.message } : null,
    skipped: reason.status === 'skipped' ? reason.message : null,
  }));
}

/** Two suites: "determinism" (one case per configuration) and "gate" (one case per gate reason). */
export const junitExporter: Exporter = {
  format: 'junit',
  fileName: 'junit.xml',
  serialize(report: Report): string {
    const suites = [
      renderSuite('determinism', listDeterminismCases(report)),
      renderSuite('gate', listGateCases(report)),
    ];
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="threadgate ${escapeXml(report.matrix.name)}">`,
      ...suites.flat(),
      '</testsuites>',
      '',
    ].join('\n');
  },
};

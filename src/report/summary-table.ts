// The terminal summary after a run: one row per configuration, then the verdict and recommendation.
import Table from 'cli-table3';
import { formatBytes, formatMedianPlusMinus, formatRatioValue } from '../core/format.js';
import { describeConditions } from './conditions-rows.js';
import { describeRecommendation, describeVerdict, formatNoisyCount, listConfigurationRows } from './report-rows.js';
import type { Report } from './types.js';
import { describeRootCause } from './root-cause-rows.js';

const DETERMINISM_LABEL: Readonly<Record<string, string>> = {
  pass: '✓ identical',
  fail: '✗ DIVERGES',
  'no-data': '– no data',
};

/** A cli-table3 table per configuration, the verdict line(s) and the recommendation line. */
export function formatSummaryTable(report: Report): string {
  // No colours: the same text goes to terminals, CI logs and files.
  const table = new Table({
    head: ['threads', 'mode', 'runs ok', 'median ± CI', 'speedup', 'peak RSS', 'noisy', 'determinism'],
    style: { head: [], border: [] },
    // No rule between body rows: six configurations fit in eight lines.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const row of listConfigurationRows(report)) {
    const s = row.stats;
    table.push([
      row.threads,
      row.mode,
      `${row.okRuns}/${row.totalRuns}`,
      s && s.n > 0 ? formatMedianPlusMinus(s.medianMs, s.medianCi, s.n) : '–',
      s ? formatRatioValue(s.speedup) : '–',
      // A peak RSS of 0 means no memory sample was taken: not measured, not zero bytes.
      s && s.peakRssBytes > 0 ? formatBytes(s.peakRssBytes) : '–',
      formatNoisyCount(s),
      DETERMINISM_LABEL[row.determinism] ?? row.determinism,
    ]);
  }
  const lines = [table.toString(), ...describeConditions(report), `Verdict: ${describeVerdict(report)}`];
  for (const reason of report.gate.reasons.filter((r) => r.status === 'fail')) {
    lines.push(`  ✗ ${reason.check}: ${reason.message}`);
  }
  // The cause before the symptom's details: a person looks there first.
  for (const cause of (report.rootCauses ?? []).slice(0, 3)) lines.push(`  → ${describeRootCause(cause)}`);
  if ((report.rootCauses ?? []).length > 3)
    lines.push(`  → … and ${report.rootCauses!.length - 3} more root cause(s): see report.md`);
  if (report.determinism.divergences.length > 0 && report.lineage?.note) lines.push(`  → ${report.lineage.note}`);
  for (const tolerated of report.lineage?.tolerated ?? []) {
    lines.push(
      `  ≈ ${tolerated.table} in ${tolerated.run}: ${tolerated.values} value(s) equal only within the float tolerance (max ${tolerated.maxUlps} ULPs)`,
    );
  }
  lines.push(describeRecommendation(report));
  return lines.join('\n');
}

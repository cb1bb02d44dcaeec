// The release gate: one exit code from determinism, golden digests, performance and failures.
// Precedence: 1 (divergence or golden digests changed) > 3 (regression) > 4 (crashes) > 0.
import { EXIT } from '../core/errors.js';
import type { RunRecord } from '../core/run-record.js';
import type { PerformanceComparison } from './regression.js';
import type { DeterminismVerdict, GateReason, GateResult } from './types.js';

/** Everything the gate weighs; golden and performance are absent when not checked. */
export interface GateInput {
  readonly determinism: DeterminismVerdict;
  readonly runs: readonly RunRecord[];
  readonly golden?: { readonly status: 'pass' | 'fail' | 'skipped'; readonly message: string };
  readonly performance?: readonly PerformanceComparison[] | { readonly skipped: string };
}

function judgeDeterminismCheck(determinism: DeterminismVerdict): GateReason {
  if (!determinism.reference) {
    return { check: 'determinism', status: 'skipped', message: determinism.referenceNote ?? 'no digested runs to compare' };
  }
  if (determinism.verdict === 'pass') {
    const note = determinism.referenceNote ? ` (${determinism.referenceNote})` : '';
    return { check: 'determinism', status: 'pass', message: `${determinism.compared} run(s) identical to reference ${determinism.reference.run}${note}` };
  }
  const first = determinism.divergences[0]!;
  const where = [first.groups.length ? `groups ${first.groups.slice(0, 3).join(' | ')}` : '', first.firstYear ? `first year ${first.firstYear}` : '', first.columns.length ? `columns ${first.columns.join(', ')}` : '']
    .filter(Boolean).join(', ');
  const runsAffected = new Set(determinism.divergences.map((d) => d.run)).size;
  return {
    check: 'determinism',
    status: 'fail',
    message: `${determinism.divergences.length} divergence(s) in ${runsAffected} run(s) against ${determinism.reference.run}; first: ${first.run} ${first.table} (${first.kind}${where ? `; ${where}` : ''})`,
  };
}

function judgeFailures(runs: readonly RunRecord[]): GateReason {
  const failed = runs.filter((run) => run.status !== 'ok');
  if (failed.length === 0) return { check: 'failures', status: 'pass', message: `all ${runs.length} run(s) succeeded` };
  const listed = failed.slice(0, 5).map((run) => `${run.id} (${run.status}${run.error ? `: ${run.error}` : ''})`).join(', ');
  const oom = failed.filter((run) => run.status === 'oom').length;
  const what = oom === 0 ? 'crashed or timed out' : oom === failed.length ? 'were killed by the OOM killer' : `crashed, timed out or were OOM-killed (${oom} OOM)`;
  return { check: 'failures', status: 'fail', message: `${failed.length} of ${runs.length} run(s) ${what}: ${listed}${failed.length > 5 ? ', …' : ''}` };
}

function judgePerformance(performance: GateInput['performance']): GateReason {
  if (!performance) return { check: 'performance', status: 'skipped', message: 'no performance baseline given' };
  if ('skipped' in performance) return { check: 'performance', status: 'skipped', message: performance.skipped };
  const regressions = performance.filter((c) => c.verdict === 'regression');
  if (regressions.length > 0) {
    return { check: 'performance', status: 'fail', message: `${regressions.length} regression(s): ${regressions.map((r) => r.message).join(' / ')}` };
  }
  const count = (verdict: PerformanceComparison['verdict']): number => performance.filter((c) => c.verdict === verdict).length;
  return {
    check: 'performance',
    status: 'pass',
    message: `no regression in ${performance.length} configuration(s): ${count('unchanged')} unchanged, ${count('improvement')} improved, ${count('insufficient-data')} with too few samples to judge`,
  };
}

// The gate verdict with one reason per check, the exit code by the contract's precedence.
export function decideGate(input: GateInput): GateResult {
  const determinism = judgeDeterminismCheck(input.determinism);
  const failures = judgeFailures(input.runs);
  const golden: GateReason = input.golden
    ? { check: 'golden-digests', status: input.golden.status, message: input.golden.message }
    : { check: 'golden-digests', status: 'skipped', message: 'no golden digests given' };
  const performance = judgePerformance(input.performance);
  let exitCode: GateResult['exitCode'] = EXIT.pass;
  if (determinism.status === 'fail' || golden.status === 'fail') exitCode = EXIT.determinism;
  else if (performance.status === 'fail') exitCode = EXIT.regression;
  else if (failures.status === 'fail') exitCode = EXIT.crashed;
  return { verdict: exitCode === EXIT.pass ? 'pass' : 'fail', exitCode, reasons: [determinism, failures, golden, performance] };
}

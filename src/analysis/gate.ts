// The release gate: one exit code from determinism, golden digests, performance and failures.
// Precedence: 1 (divergence or golden digests changed) > 3 (regression) > 4 (crashes, runs missing,
// nothing judged) > 0. It never passes without evidence: a check that judged nothing is skipped, and
// PASS needs every planned run finished and determinism judged on at least two runs.
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
  /** Planned runs not (yet) in the journal: an interrupted, killed or timed-out job (default 0). */
  readonly pendingRuns?: number;
  /** The run directory, for the `--resume` command an incomplete gate names. */
  readonly runDir?: string;
  /** The matrix plans one run only (one configuration, one repetition, no warmup): nothing to compare. */
  readonly singleRunMatrix?: boolean;
}

function judgeDeterminismCheck(determinism: DeterminismVerdict): GateReason {
  if (!determinism.reference) {
    return {
      check: 'determinism',
      status: 'skipped',
      message: determinism.referenceNote ?? 'no digested runs to compare',
    };
  }
  if (determinism.verdict !== 'fail' && determinism.compared === 0) {
    return {
      check: 'determinism',
      status: 'skipped',
      message: `only the reference run ${determinism.reference.run} was digested: nothing to compare it with${determinism.referenceNote ? ` (${determinism.referenceNote})` : ''}`,
    };
  }
  if (determinism.verdict === 'pass') {
    const note = determinism.referenceNote ? ` (${determinism.referenceNote})` : '';
    return {
      check: 'determinism',
      status: 'pass',
      message: `${determinism.compared} run(s) identical to reference ${determinism.reference.run}${note}`,
    };
  }
  const first = determinism.divergences[0]!;
  const where = [
    first.groups.length ? `groups ${first.groups.slice(0, 3).join(' | ')}` : '',
    first.firstYear ? `first year ${first.firstYear}` : '',
    first.columns.length ? `columns ${first.columns.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const runsAffected = new Set(determinism.divergences.map((d) => d.run)).size;
  return {
    check: 'determinism',
    status: 'fail',
    message: `${determinism.divergences.length} divergence(s) in ${runsAffected} run(s) against ${determinism.reference.run}; first: ${first.run} ${first.table} (${first.kind}${where ? `; ${where}` : ''})`,
  };
}

function judgeFailures(runs: readonly RunRecord[]): GateReason {
  const failed = runs.filter((run) => run.status !== 'ok');
  if (runs.length === 0) return { check: 'failures', status: 'skipped', message: 'no run finished: nothing to judge' };
  if (failed.length === 0) return { check: 'failures', status: 'pass', message: `all ${runs.length} run(s) succeeded` };
  const listed = failed
    .slice(0, 5)
    .map((run) => `${run.id} (${run.status}${run.error ? `: ${run.error}` : ''})`)
    .join(', ');
  const oom = failed.filter((run) => run.status === 'oom').length;
  const what =
    oom === 0
      ? 'crashed or timed out'
      : oom === failed.length
        ? 'were killed by the OOM killer'
        : `crashed, timed out or were OOM-killed (${oom} OOM)`;
  return {
    check: 'failures',
    status: 'fail',
    message: `${failed.length} of ${runs.length} run(s) ${what}: ${listed}${failed.length > 5 ? ', …' : ''}`,
  };
}

function judgePerformance(performance: GateInput['performance']): GateReason {
  if (!performance) return { check: 'performance', status: 'skipped', message: 'no performance baseline given' };
  if ('skipped' in performance) return { check: 'performance', status: 'skipped', message: performance.skipped };
  const regressions = performance.filter((c) => c.verdict === 'regression');
  if (regressions.length > 0) {
    return {
      check: 'performance',
      status: 'fail',
      message: `${regressions.length} regression(s): ${regressions.map((r) => r.message).join(' / ')}`,
    };
  }
  const count = (verdict: PerformanceComparison['verdict']): number =>
    performance.filter((c) => c.verdict === verdict).length;
  const notJudged = count('insufficient-data');
  const judged = performance.length - notJudged;
  if (judged === 0) {
    const why =
      performance.length === 0
        ? 'no configuration in both this run and the baseline'
        : `${notJudged} configuration(s) with too few samples or none on one side (${performance
            .map((c) => c.key)
            .slice(0, 5)
            .join(', ')}${performance.length > 5 ? ', …' : ''})`;
    return { check: 'performance', status: 'skipped', message: `not judged: ${why}` };
  }
  return {
    check: 'performance',
    status: 'pass',
    message: `no regression in ${judged} judged configuration(s): ${count('unchanged')} unchanged, ${count('improvement')} improved${notJudged > 0 ? `; ${notJudged} not judged (too few samples)` : ''}`,
  };
}

/** Planned runs missing from the journal: the gate cannot pass on part of the evidence. */
function judgeCompleteness(pendingRuns: number, finishedRuns: number, runDir: string | undefined): GateReason {
  const resume = runDir ? `threadgate run --resume ${runDir}` : 'threadgate run --resume RUN_DIR';
  return {
    check: 'completeness',
    status: 'fail',
    message: `incomplete: ${pendingRuns} of ${pendingRuns + finishedRuns} planned run(s) missing (interrupted, killed or out of time); finish them with \`${resume}\``,
  };
}

/** Whether enough was judged to pass: determinism on two runs or more, or a single-run matrix said so. */
function judgeEvidence(checks: readonly GateReason[], input: GateInput): GateReason | null {
  const [determinism] = checks;
  if (determinism!.status !== 'skipped') return null;
  if (checks.every((check) => check.status === 'skipped')) {
    return {
      check: 'evidence',
      status: 'fail',
      message: 'nothing was judged: every check was skipped, so the gate cannot pass',
    };
  }
  if (input.singleRunMatrix && input.determinism.reference) {
    return {
      check: 'evidence',
      status: 'pass',
      message:
        'the matrix plans a single run (one configuration, one repetition, no warmup): determinism cannot be judged, the other checks decide',
    };
  }
  return {
    check: 'evidence',
    status: 'fail',
    message: `determinism was not judged (${determinism!.message}): the gate passes only when at least two runs were compared`,
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
  const checks = [determinism, failures, golden, performance];
  const pendingRuns = input.pendingRuns ?? 0;
  const completeness = pendingRuns > 0 ? judgeCompleteness(pendingRuns, input.runs.length, input.runDir) : null;
  const evidence = judgeEvidence(checks, input);
  const reasons = [...checks, ...(completeness ? [completeness] : []), ...(evidence ? [evidence] : [])];
  let exitCode: GateResult['exitCode'] = EXIT.pass;
  if (determinism.status === 'fail' || golden.status === 'fail') exitCode = EXIT.determinism;
  else if (performance.status === 'fail') exitCode = EXIT.regression;
  else if (reasons.some((reason) => reason.status === 'fail')) exitCode = EXIT.crashed;
  const verdict = completeness ? 'incomplete' : exitCode === EXIT.pass ? 'pass' : 'fail';
  return { verdict, exitCode, reasons };
}

// Judges a relation's difference: floating-point reassociation, or a real change. A re-run that
// changes with DuckDB's threads alone proves reassociation whatever the size; otherwise it is
// judged by size (float-noise.ts), and a whole number of cents apart is never noise.
import type { RelationComparison } from '../digest/compare-relation.js';
import {
  FLOAT_FIXES,
  REASSOCIATION_RELATIVE_LIMIT,
  explainedByReassociation,
  findFloatAggregates,
} from '../digest/float-noise.js';
import type { DifferenceClassification } from './diagnosis-types.js';
import type { RerunProof } from './prove-reassociation.js';

/** Short number forms for a sentence: 3, 2.4e-13. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toExponential(1);
}

/** The verdict on one compared relation, with the model's SQL (for its aggregates) and a re-run, if any. */
export function classifyDifference(
  comparison: RelationComparison,
  sql: string | undefined,
  proof: RerunProof | null,
): DifferenceClassification {
  if (comparison.float === null) {
    return { verdict: 'real-change', reason: `not float noise: ${comparison.notFloatBecause ?? 'the rows differ'}` };
  }
  const { columns } = comparison.float;
  const maxUlps = Math.max(...columns.map((column) => column.maxUlps));
  const maxRelative = Math.max(...columns.map((column) => column.maxRelative));
  const differingValues = columns.reduce((sum, column) => sum + column.differingValues, 0);
  const measured = { maxUlps, maxRelative, differingValues, columns };
  const step = columns.find((column) => column.decimalStep !== null);
  if (step) {
    const { reference, run } = step.decimalStep!;
    return {
      verdict: 'real-change',
      reason: `${step.column} moved by a whole number of cents (${reference} → ${run}): a decimal change, never float noise`,
      ...measured,
      proof,
    };
  }
  if (proof?.unstableAtOneThread) {
    return {
      verdict: 'real-change',
      reason: `not float noise: re-running its SQL on one DuckDB thread gave different results each time (random(), a clock or another source of its own)`,
      ...measured,
      proof,
    };
  }
  const aggregates = sql ? findFloatAggregates(sql) : [];
  const cause = aggregates.length > 0 ? `; its SQL aggregates floating values: ${aggregates.join(', ')}` : '';
  const size = `${differingValues} value(s) of ${columns.map((column) => column.column).join(', ')} differ by at most ${formatNumber(maxUlps)} ULPs (relative ${formatNumber(maxRelative)})`;
  if (proof?.changesWithThreads) {
    return {
      verdict: 'float-reassociation',
      reason: `proven: re-running its SQL at DuckDB threads ${proof.threadCounts.join(', ')} gave ${proof.distinctResults} different results; ${size}${cause}`,
      ...measured,
      aggregates,
      fixes: FLOAT_FIXES,
      proof,
    };
  }
  if (explainedByReassociation(columns)) {
    const rerun =
      proof && !proof.error
        ? ` (a re-run at threads ${proof.threadCounts.join(', ')} did not change it, so it is judged by size)`
        : ' (judged by size: not re-run)';
    return {
      verdict: 'float-reassociation',
      reason: `${size}: within what reassociation explains${rerun}${cause}`,
      ...measured,
      aggregates,
      fixes: FLOAT_FIXES,
      proof,
    };
  }
  return {
    verdict: 'real-change',
    reason: `${size}: too far apart for reassociation (relative limit ${REASSOCIATION_RELATIVE_LIMIT}) and no re-run showed it changing with DuckDB's threads`,
    ...measured,
    aggregates,
    proof,
  };
}

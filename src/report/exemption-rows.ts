// Which columns a report's digests left out, and why: a verdict of "identical" only means as much as
// what was compared, so every report says it.
import { explainExemption } from '../matrix/planalign-tables.js';
import type { Report } from './types.js';

/** One exempt column of a compared table, with its reason. */
export interface ExemptionRow {
  readonly table: string;
  readonly column: string;
  readonly reason: string;
}

/** The matrix's exempt columns, table by table in the matrix's order. */
export function listExemptions(report: Pick<Report, 'matrix'>): ExemptionRow[] {
  return Object.entries(report.matrix.tables).flatMap(([table, spec]) =>
    spec.exempt.map((column) => ({ table, column, reason: explainExemption(table, column) })),
  );
}

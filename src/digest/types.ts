// Shapes of table digests and database diffs, shared by the runner, the verdict and the reports.
import type { SampleRow } from '../core/digest-record.js';

export type { DatabaseDigest, DigestAlgorithm, GroupDigest, SampleRow, TableDigest } from '../core/digest-record.js';
export interface TableDiff {
  readonly table: string;
  readonly identical: boolean;
  readonly rowCounts: { readonly a: number; readonly b: number };
  /** Present in only one side, or schemas that do not match. */
  readonly schemaProblem: string | null;
  /** Labels of groups whose digests differ (present on either side). */
  readonly groups: readonly string[];
  /** Columns every difference can be explained by (from leave-one-out digests). */
  readonly columns: readonly string[];
  /** Rows in A but not in B, with multiplicity surplus (bag difference), in a total order. */
  readonly onlyInA: readonly SampleRow[];
  readonly onlyInB: readonly SampleRow[];
}

export interface DatabaseDiff {
  readonly a: string;
  readonly b: string;
  readonly identical: boolean;
  readonly tables: readonly TableDiff[];
}

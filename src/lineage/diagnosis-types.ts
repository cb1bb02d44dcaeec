// What the lineage walk reports: root causes with their chains and classification, the relations
// that differ but explain no divergence, and the compared tables' differences a float tolerance let
// pass. Plain data: report.json carries it as it is.
import type { FloatColumnDistance } from '../digest/float-noise.js';
import type { SampleRow } from '../digest/types.js';
import type { RerunProof } from './prove-reassociation.js';
import type { VolatileColumn } from './types.js';
import type { LineageChain } from './walk.js';

/** Whether a relation's difference is floating-point reassociation, and the evidence. */
export interface DifferenceClassification {
  /** `float-reassociation`: float columns only, rows paired, within what reassociation explains (or proven by a re-run). */
  readonly verdict: 'float-reassociation' | 'real-change';
  /** One sentence a person reads: why this verdict. */
  readonly reason: string;
  readonly maxUlps?: number;
  readonly maxRelative?: number;
  /** Values that differ (paired), over all float columns. */
  readonly differingValues?: number;
  readonly columns?: readonly FloatColumnDistance[];
  /** Aggregates over floating values in the model's SQL that can cause it. */
  readonly aggregates?: readonly string[];
  /** The usual fixes, when it is reassociation. */
  readonly fixes?: readonly string[];
  /** A re-run of the model's SQL at one and several DuckDB threads, when it could be re-run. */
  readonly proof?: RerunProof | null;
}

/** One relation that differs while none of its upstream relations do, over every run where it does. */
export interface RootCause {
  readonly relation: string;
  /** `configuration`: differs at some configurations only; `repetition`: a configuration also differs from itself. */
  readonly kind: 'configuration' | 'repetition';
  readonly model: string | null;
  readonly file: string | null;
  /** Configuration keys (`t2-selective`) where it differs, and the runs. */
  readonly configurations: readonly string[];
  readonly runs: readonly string[];
  /** Columns whose values differ (volatile ones left out); empty when the databases were not kept. */
  readonly columns: readonly string[];
  /** Columns that differ on every run by construction: listed, not evidence. */
  readonly volatile: readonly VolatileColumn[];
  /** Identifying columns a readable sample shows beside the differing ones. */
  readonly keyColumns: readonly string[];
  readonly rowCounts: { readonly reference: number; readonly run: number } | null;
  /** Full rows, a few a side, from the first run whose database was kept. */
  readonly samples: { readonly reference: readonly SampleRow[]; readonly run: readonly SampleRow[] } | null;
  /** To each compared table it reaches. */
  readonly chain: readonly LineageChain[];
  /** Upstream relations a later year rebuilt: the difference may have started in one of them. */
  readonly overwrittenUpstream: readonly string[];
  readonly classification: DifferenceClassification | null;
}

/** A relation that differs from the reference but reaches no diverging compared table. */
export interface OtherDifference {
  readonly relation: string;
  /** False for a relation the lineage does not know (a table the orchestrator writes outside its models, e.g. run metadata). */
  readonly inLineage: boolean;
  readonly runs: readonly string[];
  readonly columns: readonly string[];
  readonly classification: DifferenceClassification | null;
}

/** A compared table's difference that the matrix's float tolerance counts as equal. */
export interface ToleratedDifference {
  readonly run: string;
  readonly table: string;
  /** Values equal only within the tolerance. */
  readonly values: number;
  readonly maxUlps: number;
  readonly maxRelative: number;
  readonly tolerance: { readonly relative: number } | { readonly ulps: number };
}

/** The walk's findings for one matrix run. */
export interface LineageDiagnosis {
  readonly rootCauses: readonly RootCause[];
  readonly otherDifferences: readonly OtherDifference[];
  readonly tolerated: readonly ToleratedDifference[];
  /** Why root causes could not be named (no lineage, no relation digests), or null. */
  readonly note: string | null;
}

// The lineage of a run's relations: which relation is computed from which, where its SQL lives, and
// which of its columns change on every run by construction. Plain data, written per run as
// runs/<id>/lineage.json, so a report rebuilt later walks the same graph the run had.

/** A column that differs on every run by construction (wall clock, generated uuid): volatile, not evidence. */
export interface VolatileColumn {
  readonly column: string;
  /** Why, e.g. `CURRENT_TIMESTAMP in int_effective_parameters.sql` or `carried from int_hiring_events`. */
  readonly reason: string;
}

/** One relation (table or view) of a run's database, as its orchestrator declares it. */
export interface LineageNode {
  readonly relation: string;
  /** Relations it is computed from (its dbt depends_on, or the model's declared dependencies). */
  readonly upstream: readonly string[];
  /**
   * Relations whose previous year's state it reads (the built-in int_workforce_start reads last
   * year's snapshot): a later-year link, kept apart so the DAG stays acyclic.
   */
  readonly priorUpstream?: readonly string[];
  /** The model (dbt unique_id, or the built-in model's name) that writes it. */
  readonly model?: string;
  /** Its SQL file, relative to the project (e.g. `models/intermediate/int_hiring_events.sql`). */
  readonly file?: string;
  /** Its SQL as it ran (dbt's compiled code where dbt left it, else the raw model). */
  readonly sql?: string;
  /** A SELECT that recomputes it from the relations of the run's database, when one is known. */
  readonly rerunSql?: string;
  /**
   * True when a later simulated year rebuilds it, so the database keeps only its last year's state
   * (dbt `table`/`view` models in a per-year pipeline; the built-in orchestrator's intermediates).
   */
  readonly overwritten: boolean;
  readonly volatile: readonly VolatileColumn[];
}

/** Where a graph came from: dbt's manifest, the built-in orchestrator's run_metadata, or the matrix's `dag:`. */
export type LineageSource = 'dbt-manifest' | 'builtin' | 'dag-file' | 'dag-table';

/** The DAG of one run's relations, keyed by relation name. */
export interface LineageGraph {
  readonly source: LineageSource;
  /** The file or table it was read from, for the report. */
  readonly from: string;
  readonly nodes: Readonly<Record<string, LineageNode>>;
  /** Relations that are the run's own record (timings), not a model's output: never compared. */
  readonly notModels?: readonly string[];
}

export type { RelationDigest, RelationsDigest } from '../digest/digest-relations.js';

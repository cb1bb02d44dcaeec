// The shape of one SQL model and of its recorded execution: the engine, the pipeline and
// run_metadata all speak in these terms.

/** PlanAlign's model classes (model_execution_types.py): they decide what may run together. */
export type ModelClass = 'SEQUENTIAL' | 'PARALLEL_SAFE' | 'CONDITIONAL';

/** One model of one simulation year: its statements run in order on one connection. */
export interface Model {
  readonly name: string;
  readonly modelClass: ModelClass;
  /** Names of models of the same year that must finish first. */
  readonly dependsOn: readonly string[];
  /** SQL statements, run in order inside one transaction. */
  readonly statements: readonly string[];
}

/** One model execution, as written to run_metadata and printed with --verbose. */
export interface ModelExecution {
  readonly year: number;
  readonly model: string;
  /** WRITER: the output writer copying a finished year into the database file (output-writer.ts). */
  readonly modelClass: ModelClass | 'WRITER';
  /** Milliseconds since the simulation started. */
  readonly startedMs: number;
  readonly finishedMs: number;
  /** Models (and the output writer) running at the moment this one started, itself included. */
  readonly concurrentAtStart: number;
  /** The slot it held (the lowest free at its start; slot-board.ts): one Gantt lane per slot. */
  readonly slot: number;
  /** What it waited for: models of its year by name, of another year as `name@year`. */
  readonly dependsOn: readonly string[];
}

/** A change of the engine's concurrency limit made by the adaptive thread adjuster. */
export interface ThreadAdjustment {
  /** Milliseconds since the simulation started. */
  readonly atMs: number;
  readonly fromThreads: number;
  readonly toThreads: number;
  readonly reason: string;
  readonly rssBytes: number;
}

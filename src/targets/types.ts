// One interface for every kind of orchestrator the harness can run.
import type { PlannedRun, TargetSpec } from '../matrix/types.js';

/** Where one run happens: fresh paths made by the runner for this run alone. */
export interface RunContext {
  readonly run: PlannedRun;
  /** The run directory (absolute): inputs shared by every run of the matrix, such as a census, live here. */
  readonly runDir: string;
  /** Absolute path of a database file that does not exist yet. */
  readonly database: string;
  /** Absolute path of an empty folder private to this run. */
  readonly workdir: string;
  readonly seed: number;
}

/** A process to start: an argument vector, never a shell string. */
export interface LaunchSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Variables added to (or, with null, removed from) the harness's environment. */
  readonly env: Readonly<Record<string, string | null>>;
}

/** An adapter that turns a planned run into a process launch. */
export interface Target {
  readonly kind: TargetSpec['kind'];
  /** Short human description, e.g. "built-in reference orchestrator, 2000 employees, 2025-2027". */
  describe(): string;
  /** Version of what is being tested, for reports and recommendations. */
  version(): Promise<string>;
  /** Called once before the first run: fail early on a missing checkout or executable. */
  check?(): Promise<void>;
  /** Per-run set-up in the run's workdir (e.g. a private working copy). */
  prepare?(context: RunContext): Promise<void>;
  launch(context: RunContext): LaunchSpec;
}

// Golden digests depend on what the target computes (census size, years, seed, command), never on
// threads, mode or hardware; this key says when a stored golden set applies to a run.
import type { TargetSpec } from '../matrix/types.js';

/** A stable text of the target inputs that determine its output tables. */
export function outputKeyOf(target: TargetSpec): string {
  switch (target.kind) {
    case 'builtin':
      return `builtin employees=${target.employees} years=${target.years.start}-${target.years.end} seed=${target.seed} scenario=${target.scenarioId}`;
    case 'planalign':
      return `planalign config=${target.config} years=${target.years.start}-${target.years.end} seed=${target.seed}`;
    case 'command':
      return `command ${JSON.stringify(target.command)} seed=${target.seed}`;
  }
}

// Golden digests depend on what the target computes (census size, years, seed, command), never on
// threads, mode or hardware; this key says when a stored golden set applies to a run.
import type { CensusSource, TargetSpec } from '../matrix/types.js';

function censusKey(census: CensusSource): string {
  return census.kind === 'generated'
    ? `generated:${census.employees}`
    : census.kind === 'file'
      ? `file:${census.path}`
      : 'config';
}

/** A stable text of the target inputs that determine its output tables. */
export function outputKeyOf(target: TargetSpec): string {
  switch (target.kind) {
    case 'builtin':
      return `builtin employees=${target.employees} years=${target.years.start}-${target.years.end} seed=${target.seed} scenario=${target.scenarioId}`;
    case 'planalign':
      return `planalign config=${target.config} census=${censusKey(target.census)} years=${target.years.start}-${target.years.end} seed=${target.seed}`;
    case 'command':
      return `command ${JSON.stringify(target.command)} seed=${target.seed}`;
  }
}

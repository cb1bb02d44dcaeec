// Fills `{threads}`-style placeholders inside single arguments: each argument stays one argument,
// whatever the value holds, because nothing ever goes through a shell.
import type { PlannedRun } from './types.js';

/** The placeholders a command target may use. */
export const PLACEHOLDERS = ['threads', 'mode', 'database', 'seed', 'rep', 'workdir'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{([a-z]+)\}/g;

/** What a placeholder's value comes from: a target's run context has these fields. */
export interface PlaceholderSource {
  readonly run: Pick<PlannedRun, 'threads' | 'mode' | 'rep'>;
  readonly database: string;
  readonly workdir: string;
  readonly seed: number;
}

/** Values of every placeholder for one run. */
export function placeholderValues(context: PlaceholderSource): Record<Placeholder, string> {
  return {
    threads: String(context.run.threads),
    mode: context.run.mode,
    database: context.database,
    seed: String(context.seed),
    rep: String(context.run.rep),
    workdir: context.workdir,
  };
}

/** Replaces known placeholders in one argument; unknown ones were rejected when the matrix loaded. */
export function fillPlaceholders(argument: string, values: Readonly<Record<Placeholder, string>>): string {
  return argument.replace(PATTERN, (whole, name: string) =>
    (PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole,
  );
}

// The `--baseline FILE` / `--no-baseline` option shared by run, report and gate, and what it means.

/** yargs definition: a file, or false from `--no-baseline`. */
export const BASELINE_OPTION = {
  type: 'string',
  describe: "baseline file to gate against (default: the matrix's own, if saved); --no-baseline for none",
} as const;

/** undefined = the matrix's own baseline if saved; null = none (`--no-baseline`); else the named file. */
export function baselineRequest(value: string | false | undefined): string | null | undefined {
  return value === false ? null : value;
}

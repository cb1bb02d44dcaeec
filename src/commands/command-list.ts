// Every command's name, usage and one-line summary: what `threadgate`, `threadgate --help` and a
// mistyped name show without loading any command's module (plain data, imported by each command too).

/** One command as the command list shows it. */
export interface CommandSummary {
  /** yargs' command string: the name and its positional arguments. */
  readonly usage: string;
  readonly summary: string;
}

/** Every command, in the order the list shows them; the key is the command's first word. */
export const COMMAND_LIST = {
  run: {
    usage: 'run [matrix]',
    summary: 'run a matrix (default matrices/quick.yaml); exit code is the gate verdict',
  },
  report: {
    usage: 'report <run-dir>',
    summary:
      "rebuild report.json, report.md, report.html, junit.xml, results.csv and recommendation.json from a run's journal",
  },
  gate: {
    usage: 'gate <run-dir>',
    summary: 'the release gate: determinism, failures, golden digests and performance against a baseline',
  },
  recommend: {
    usage: 'recommend <run-dir>',
    summary: 'print the thread-count recommendation of a run, or --write it where simulate --threads auto finds it',
  },
  baseline: {
    usage: 'baseline <action>',
    summary: 'manage baselines (save)',
  },
  merge: {
    usage: 'merge <run-dirs..>',
    summary: 'merge shard runs of one matrix (run --shard K/N) into one run directory with full reports',
  },
  digest: {
    usage: 'digest <db>',
    summary: 'digest the tables of one DuckDB file (order-independent, multiset-correct, per group)',
  },
  diff: {
    usage: 'diff <dbA> <dbB>',
    summary: 'show where two DuckDB files differ: tables, groups, columns, sample rows with multiplicities',
  },
  simulate: {
    usage: 'simulate',
    summary: 'run the reference multi-threaded workforce simulation into a DuckDB file',
  },
  census: {
    usage: 'census',
    summary: "write a seeded census in PlanAlign's schema (parquet) for its setup.census_parquet_path",
  },
  whatif: {
    usage: 'whatif <run-dir>',
    summary:
      "predict what changes to the orchestrator (one dbt call per year, no year barrier, faster models) would give, from a run's schedule",
  },
  history: {
    usage: 'history',
    summary: 'the nightly history: add runs, find change points (check), draw trends (report)',
  },
} as const satisfies Readonly<Record<string, CommandSummary>>;

/** A command's first word. */
export type CommandName = keyof typeof COMMAND_LIST;

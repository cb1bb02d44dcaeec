// What a newcomer reads first: two or three examples per command in its --help, and a suggestion
// for a mistyped flag (`--thread` → `--threads`), as yargs already gives for a mistyped command.

import type { CommandName } from './commands/command-list.js';

/** Examples per command (its first word): [command line, what it does]. Every command has some. */
export const COMMAND_EXAMPLES: Readonly<Record<CommandName, readonly (readonly [string, string])[]>> = {
  run: [
    ['$0 run', 'the default matrix (quick.yaml): 3 thread counts × 3 modes, about a minute'],
    [
      '$0 run matrices/nightly.yaml --threads 1,4 --reps 5 --out ci-reports',
      'a ready matrix with fewer thread counts, into ci-reports/<matrix>-<stamp>/',
    ],
    ['$0 run --resume ci-reports', 'finish an interrupted run (a folder holding one run folder is enough)'],
  ],
  report: [
    ['$0 report reports/quick-20261203T121940Z', "rebuild every report file from the run's journal"],
    ['$0 report ci-reports --no-baseline', 'the one run folder inside ci-reports/, gated against no baseline'],
  ],
  gate: [
    ['$0 gate reports/quick-20261203T121940Z', 'exit 0 only when every planned run finished and nothing failed'],
    ['$0 gate ci-reports --baseline baselines/nightly.json --json', 'against a named baseline, as JSON'],
  ],
  recommend: [
    ['$0 recommend reports/tuning-20261203T121940Z', 'print the recommended thread count and why'],
    ['$0 recommend reports/tuning-20261203T121940Z --write', 'store it where `simulate --threads auto` finds it'],
    [
      '$0 recommend reports/tuning-20261203T121940Z --apply config/simulation_config.yaml',
      'write it into a PlanAlign config',
    ],
  ],
  baseline: [
    [
      '$0 baseline save reports/quick-20261203T121940Z',
      "golden digests and this machine's timings, to baselines/quick.json",
    ],
    ['$0 baseline save ci-reports --to baselines/nightly.json', 'to a file of your choosing'],
  ],
  merge: [
    [
      '$0 merge shard1 shard2 shard3 --out merged',
      'the --out folders of `run --shard K/3` jobs, into merged/<matrix>-<stamp>/',
    ],
    [
      '$0 merge shards/*/ --mixed-hardware',
      'shards from different machines: outputs judged together, timings never pooled',
    ],
  ],
  digest: [
    ['$0 digest run.duckdb', 'digest fct_yearly_events and fct_workforce_snapshot (or every table)'],
    [
      '$0 digest run.duckdb --table fct_yearly_events --group-by fct_yearly_events.simulation_year',
      'one table, per year',
    ],
    ['$0 digest run.duckdb --stable --json', 'the version-stable digest, as JSON'],
  ],
  diff: [
    ['$0 diff reference.duckdb run.duckdb', 'which tables, groups and columns differ, with sample rows'],
    ['$0 diff a.duckdb b.duckdb --table fct_yearly_events --json', 'one table, as JSON'],
  ],
  simulate: [
    [
      '$0 simulate --threads 4 --mode selective --years 2025-2027 --employees 2000 --seed 42 --database out.duckdb',
      'the reference orchestrator, 4 threads',
    ],
    [
      '$0 simulate --threads auto --mode selective --years 2025-2025 --employees 500 --seed 1 --database out.duckdb',
      'the thread count from the stored recommendation',
    ],
  ],
  whatif: [
    [
      '$0 whatif reports/tuning-20261203T121940Z',
      "what the run's schedule would give under changes its owners can make",
    ],
    [
      '$0 whatif reports/tuning-20261203T121940Z --predict-cores 16 --top 3',
      'on a 16-core machine, with the 3 longest models twice as fast',
    ],
  ],
  history: [
    ['$0 history add reports/nightly-20261203T020000Z --db history.duckdb', "keep a night's run in the history"],
    ['$0 history check --db history.duckdb', 'the commits where a configuration got slower or an output changed'],
    ['$0 history report --db history.duckdb --out history-pages', 'history.html with a trend chart per configuration'],
  ],
  census: [
    ['$0 census --employees 5000 --out census.parquet', "a census of 5,000 employees in PlanAlign's schema (seed 42)"],
    [
      '$0 census --employees 100000 --seed 7 --start-year 2026 --out census.parquet --force',
      'a larger one, another seed, replacing the file',
    ],
  ],
};

/** The known option nearest to `unknown`: a prefix of it (`thread` → `threads`), else one or two edits away. */
export function suggestOption(unknown: string, known: readonly string[]): string | null {
  const candidates = known.filter((name) => name.length > 1);
  const prefixed = candidates.filter((name) => name.startsWith(unknown) || unknown.startsWith(name));
  if (prefixed.length > 0)
    return prefixed.sort((a, b) => Math.abs(a.length - unknown.length) - Math.abs(b.length - unknown.length))[0]!;
  let best: { name: string; distance: number } | null = null;
  for (const name of candidates) {
    const distance = measureEditDistance(unknown, name);
    if (distance <= 2 && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** "unknown option --thread (did you mean --threads?)" for yargs's "Unknown argument(s): thread, …". */
export function describeUnknownOptions(message: string, known: readonly string[]): string | null {
  const match = /^Unknown arguments?: (.+)$/.exec(message);
  if (!match) return null;
  return match[1]!
    .split(', ')
    .map((name) => {
      const flag = name.length === 1 ? `-${name}` : `--${name}`;
      const suggestion = suggestOption(name, known);
      return `unknown option ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`;
    })
    .join('; ');
}

// Levenshtein distance (insert, delete, substitute), two rows.
function measureEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

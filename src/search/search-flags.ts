// `run`'s flags for the search: --search and --search-budget. Their values are checked by the
// matrix's own schemas (src/search/search-settings.ts), so errors name the flag.
import type { Argv } from 'yargs';
import { singleText } from '../runner/run-flags.js';
import type { SearchOverrides } from '../matrix/search-settings.js';

/** Registers --search and --search-budget. */
export function addSearchOptions<T>(yargs: Argv<T>): Argv<T> {
  return yargs
    .option('search', {
      type: 'string',
      describe:
        'exhaustive (every configuration × repetitions), adaptive (racing rounds) or predicted (two probe runs, then races only where the schedule prediction cannot decide); overrides search',
    })
    .option('search-budget', {
      type: 'string',
      describe:
        'most runs an adaptive or predicted search may use: 30% of the exhaustive plan, or a number of runs (overrides searchBudget)',
    }) as unknown as Argv<T>;
}

/** The flags' values as matrix overrides (undefined when not given). */
export function readSearchFlags(argv: { readonly search?: unknown; readonly searchBudget?: unknown }): SearchOverrides {
  const budget = singleText(argv.searchBudget, 'search-budget');
  return {
    // A value outside the enum reaches the schema as it is and is refused there, naming the flag.
    search: singleText(argv.search, 'search') as SearchOverrides['search'],
    'search-budget': budget === undefined ? undefined : /^\s*\d+\s*$/.test(budget) ? Number(budget) : budget.trim(),
  };
}

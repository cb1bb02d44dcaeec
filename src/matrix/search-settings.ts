// Resolves `search` and `searchBudget` of a matrix and their flags (`--search`, `--search-budget`).
import { searchBudgetSchema, searchStrategySchema, type MatrixFile } from './schema.js';
import type { SearchSettings, SearchStrategy } from './types.js';

/**
 * The default search, and the budgets: an adaptive search is capped at half the exhaustive plan's runs
 * (it typically stops near a third); a predicted one at 15% (issue 19's goal: the prediction, not
 * the races, carries the decision).
 */
export const SEARCH_DEFAULTS = {
  strategy: 'exhaustive' as SearchStrategy,
  budget: '50%',
  predictedBudget: '15%',
} as const;

/** The budget a search gets when the matrix and the flags name none. */
export function defaultBudgetFor(strategy: SearchStrategy): string {
  return strategy === 'predicted' ? SEARCH_DEFAULTS.predictedBudget : SEARCH_DEFAULTS.budget;
}

/** The command-line flags of this concern, checked with the file's own schemas. */
export const SEARCH_OVERRIDE_SCHEMAS = {
  search: searchStrategySchema,
  'search-budget': searchBudgetSchema,
} as const;

/** Flag values that override the file's `search` and `searchBudget`. */
export interface SearchOverrides {
  readonly search?: SearchStrategy;
  readonly 'search-budget'?: string | number;
}

/** "30%" → { fraction: 0.3 }; 14 → { runs: 14 }. (The schema has checked the form.) */
export function parseSearchBudget(value: string | number): SearchSettings['budget'] {
  if (typeof value === 'number') return { runs: value };
  return { fraction: Number(value.slice(0, -1)) / 100 };
}

/** `search` of the resolved matrix; `fail` names the key path of a bad value. */
export function resolveSearch(
  file: Pick<MatrixFile, 'search' | 'searchBudget'>,
  overrides: SearchOverrides,
  fail: (keyPath: string, message: string) => never,
): { search: SearchSettings } {
  const strategy = overrides.search ?? file.search ?? SEARCH_DEFAULTS.strategy;
  const written = overrides['search-budget'] ?? file.searchBudget ?? defaultBudgetFor(strategy);
  const budget = parseSearchBudget(written);
  if ('fraction' in budget && (budget.fraction <= 0 || budget.fraction > 1)) {
    fail(
      overrides['search-budget'] !== undefined ? '--search-budget' : 'searchBudget',
      `expected a share above 0% and at most 100%, got ${String(written)}`,
    );
  }
  return { search: { strategy, budget } };
}

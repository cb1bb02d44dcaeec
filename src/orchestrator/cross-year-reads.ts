// The true dependencies between one year and the next: which models of the year before each
// model's SQL reads (the previous snapshot, the enrollment accumulator...). The engine waits for
// the whole year instead (the year barrier); the what-if "no year barrier" waits only for these.
import { buildYearModels } from './pipeline.js';
import { DEFAULT_PLAN_DESIGN_ID, type SimulationContext } from './simulation-context.js';

const CREATED = /\b(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?TABLE|RENAME\s+TO)\s+("?[\w.]+"?)/gi;

function tablesCreatedBy(statements: readonly string[]): string[] {
  return statements.flatMap((sql) => [...sql.matchAll(CREATED)].map((m) => m[1]!.replace(/"/g, '').split('.').pop()!));
}

/** For each model of a later year, the models of the year before whose tables its SQL names. */
export function listCrossYearReads(startYear = 2025): Map<string, string[]> {
  const ctx: SimulationContext = {
    seed: 1,
    scenarioId: 'what-if',
    planDesignId: DEFAULT_PLAN_DESIGN_ID,
    startYear,
    endYear: startYear + 2,
    employees: 1,
  };
  const before = buildYearModels(ctx, startYear + 1);
  const after = buildYearModels(ctx, startYear + 2);
  const creator = new Map<string, string>();
  // Only the tables a year publishes under its own year are read by the next: intermediates reuse
  // one name every year (a relaxed barrier would give them the year too, so they are no dependency).
  const ofYear = new RegExp(`_${startYear + 1}(?:_|$)`);
  for (const model of before) {
    for (const table of tablesCreatedBy(model.statements))
      if (ofYear.test(table)) creator.set(table.toLowerCase(), model.name);
  }
  const reads = new Map<string, string[]>();
  for (const model of after) {
    const named = new Set((model.statements.join('\n').match(/\b\w+\b/g) ?? []).map((word) => word.toLowerCase()));
    const own = new Set(tablesCreatedBy(model.statements).map((t) => t.toLowerCase()));
    const from = [
      ...new Set([...named].filter((word) => creator.has(word) && !own.has(word)).map((word) => creator.get(word)!)),
    ];
    if (from.length > 0) reads.set(model.name, from.sort());
  }
  return reads;
}

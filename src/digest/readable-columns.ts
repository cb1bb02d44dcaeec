// Sample rows a person can read: of a 48-column row, the columns that differ and a few that say
// which row it is (employee_id, simulation_year, event_type). Full rows stay in report.json.
import { chooseKeyColumns } from './compare-relation.js';
import type { SampleRow } from './types.js';

/**
 * The columns to show: the identifying ones (`identifying` first, e.g. the table's groupBy, then key
 * names) and those whose values differ between the two sides (`differing` when known); every column
 * when that leaves no differing one.
 */
export function chooseSampleColumns(
  samples: { readonly reference: readonly SampleRow[]; readonly run: readonly SampleRow[] },
  differing: readonly string[],
  identifying: readonly string[] = [],
): string[] {
  const all = [...new Set([...samples.reference, ...samples.run].flatMap((row) => Object.keys(row.values)))];
  const valuesOf = (rows: readonly SampleRow[], column: string): string =>
    JSON.stringify(rows.map((row) => row.values[column] ?? null).sort());
  const changed =
    differing.length > 0
      ? differing.filter((column) => all.includes(column))
      : all.filter((column) => valuesOf(samples.reference, column) !== valuesOf(samples.run, column));
  const keys = [
    ...new Set([...identifying.filter((column) => all.includes(column)), ...chooseKeyColumns(all, changed)]),
  ].filter((column) => !changed.includes(column));
  const chosen = [...keys, ...changed];
  return chosen.length === 0 || changed.length === 0 ? all : chosen;
}

// Turns the digest/diff flags (--table, --exempt T.COL, --group-by T.COL, --round T.COL=N) into specs.
import { InputError } from '../core/errors.js';
import type { TableSpec } from '../matrix/types.js';
import { chooseDefaultTables, DEFAULT_TABLES, WALL_CLOCK_COLUMNS } from './digest-database.js';

/** The table flags as yargs parses them (each repeatable). */
export interface TableFlags {
  readonly table?: readonly string[];
  readonly exempt?: readonly string[];
  readonly groupBy?: readonly string[];
  readonly round?: readonly string[];
}

interface MutableSpec {
  exempt: string[];
  groupBy: string[];
  round: Record<string, number>;
}

function splitQualified(flag: string, value: string): [string, string] {
  const dot = value.indexOf('.');
  if (dot <= 0 || dot === value.length - 1)
    throw new InputError(`--${flag} ${JSON.stringify(value)}: expected TABLE.COLUMN`);
  return [value.slice(0, dot), value.slice(dot + 1)];
}

function specFor(specs: Map<string, MutableSpec>, flag: string, table: string, value: string): MutableSpec {
  const spec = specs.get(table);
  if (!spec)
    throw new InputError(
      `--${flag} ${JSON.stringify(value)}: table ${table} is not among the tables digested (${[...specs.keys()].join(', ') || 'none'})`,
    );
  return spec;
}

/** Resolves the flags against the tables that exist (`existing`, from the first database). */
export function resolveTableSpecs(flags: TableFlags, existing: readonly string[]): Record<string, TableSpec> {
  const specs = new Map<string, MutableSpec>();
  const named = flags.table ?? [];
  const base =
    named.length > 0
      ? Object.fromEntries(
          named.map((table) => [
            table,
            DEFAULT_TABLES[table] ?? { exempt: WALL_CLOCK_COLUMNS, groupBy: [], round: {} },
          ]),
        )
      : chooseDefaultTables(existing);
  for (const [table, spec] of Object.entries(base))
    specs.set(table, { exempt: [...spec.exempt], groupBy: [...spec.groupBy], round: { ...spec.round } });
  for (const value of flags.exempt ?? []) {
    const [table, column] = splitQualified('exempt', value);
    const spec = specFor(specs, 'exempt', table, value);
    if (!spec.exempt.includes(column)) spec.exempt.push(column);
  }
  const userGroups = new Set<string>();
  for (const value of flags.groupBy ?? []) {
    const [table, column] = splitQualified('group-by', value);
    const spec = specFor(specs, 'group-by', table, value);
    // Naming any group-by column for a table replaces its default grouping.
    if (!userGroups.has(table)) spec.groupBy = [];
    userGroups.add(table);
    spec.groupBy.push(column);
  }
  for (const value of flags.round ?? []) {
    const match = /^(.+)=(\d+)$/.exec(value);
    if (!match) throw new InputError(`--round ${JSON.stringify(value)}: expected TABLE.COLUMN=PLACES`);
    const [table, column] = splitQualified('round', match[1]!);
    specFor(specs, 'round', table, value).round[column] = Number(match[2]);
  }
  return Object.fromEntries(specs);
}

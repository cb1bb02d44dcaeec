// A schedule kept as a table of the run's own database: the built-in orchestrator's run_metadata,
// or any table a command target writes with model / start / end (and optionally slot, depends_on,
// year, class) columns. Read from a fresh in-memory instance that ATTACHes the file READ_ONLY.
import { attachDatabase, openSession, readColumns, type TableColumn } from '../duckdb/session.js';
import { qualifiedTable, quoteIdentifier } from '../duckdb/sql.js';
import type { RunContext } from '../targets/types.js';
import type { RawTask, ScheduleSource } from './types.js';

/** Accepted names of each column, first match wins. */
const COLUMN_NAMES = {
  model: ['model', 'name'],
  start: ['started_ms', 'start_ms', 'start'],
  end: ['finished_ms', 'finish_ms', 'end_ms', 'end', 'finish'],
  slot: ['slot', 'thread'],
  dependsOn: ['depends_on'],
  year: ['simulation_year', 'year'],
  modelClass: ['model_class', 'class'],
} as const;

type Role = keyof typeof COLUMN_NAMES;

function findColumn(columns: readonly TableColumn[], role: Role): TableColumn | null {
  for (const name of COLUMN_NAMES[role]) {
    const column = columns.find((c) => c.name.toLowerCase() === name);
    if (column) return column;
  }
  return null;
}

/** SQL giving a time column in milliseconds: timestamps as epoch milliseconds, numbers as they are. */
function millisecondsSql(column: TableColumn): string {
  const name = quoteIdentifier(column.name);
  return String(column.type).startsWith('TIMESTAMP')
    ? `epoch_ms(CAST(${name} AS TIMESTAMP))`
    : `CAST(${name} AS DOUBLE)`;
}

/** SQL giving the dependency list: a list column as it is, text split on commas. */
function dependenciesSql(column: TableColumn | null): string {
  if (column === null) return 'CAST([] AS VARCHAR[])';
  const name = quoteIdentifier(column.name);
  return String(column.type).endsWith('[]')
    ? `CAST(${name} AS VARCHAR[])`
    : `list_filter(list_transform(string_split(coalesce(CAST(${name} AS VARCHAR), ''), ','), x -> trim(x)), x -> x <> '')`;
}

/** Reads `table` of `database` into raw tasks. */
export async function readScheduleTable(database: string, table: string): Promise<RawTask[]> {
  const session = await openSession({ threads: 1 });
  try {
    await attachDatabase(session, database, 'run');
    const columns = await readColumns(session, 'run', table);
    if (columns === null) throw new Error(`schedule table ${table} not found in ${database}`);
    const required = (role: Role): TableColumn => {
      const column = findColumn(columns, role);
      if (column === null)
        throw new Error(
          `schedule table ${table} in ${database}: no ${role} column (expected one of ${COLUMN_NAMES[role].join(', ')})`,
        );
      return column;
    };
    const optional = (role: Role, cast: string): string => {
      const column = findColumn(columns, role);
      return column === null ? `CAST(NULL AS ${cast})` : `CAST(${quoteIdentifier(column.name)} AS ${cast})`;
    };
    const sql = `SELECT CAST(${quoteIdentifier(required('model').name)} AS VARCHAR), ${optional('year', 'INTEGER')}, ${optional('modelClass', 'VARCHAR')},
      ${millisecondsSql(required('start'))}, ${millisecondsSql(required('end'))}, ${optional('slot', 'INTEGER')}, ${dependenciesSql(findColumn(columns, 'dependsOn'))}
      FROM ${qualifiedTable('run', table)}`;
    const rows = (await session.connection.runAndReadAll(sql)).getRowsJson();
    return rows.map((row, index): RawTask => {
      const [model, year, modelClass, startMs, finishMs, slot, dependsOn] = row as [
        string | null,
        number | null,
        string | null,
        number | null,
        number | null,
        number | null,
        string[] | null,
      ];
      if (model === null || startMs === null || finishMs === null) {
        throw new Error(`schedule table ${table} in ${database}: row ${index + 1} has no model, start or end`);
      }
      return {
        model,
        year,
        modelClass,
        startMs: Number(startMs),
        finishMs: Number(finishMs),
        slot,
        dependsOn: dependsOn ?? [],
      };
    });
  } finally {
    session.close();
  }
}

/** Reads a schedule table: readScheduleTable here, or the same in the harness's digest worker. */
export type ScheduleTableReader = (database: string, table: string) => Promise<RawTask[]>;

/** A source reading `table` of each run's database. */
export function createTableSource(table: string, read: ScheduleTableReader = readScheduleTable): ScheduleSource {
  return {
    describe: `table ${table} of the run database`,
    read: (context: RunContext) => read(context.database, table),
  };
}

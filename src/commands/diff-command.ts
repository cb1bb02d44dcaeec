// `threadgate diff DB_A DB_B`: where two DuckDB files differ; exit 0 identical, 1 different, 2 bad input.
import type { CommandModule } from 'yargs';
import { readingDatabases } from '../duckdb/attach-error.js';
import { EXIT, InputError } from '../core/errors.js';
import { listTables } from '../digest/digest-database.js';
import { DEFAULT_SAMPLES, diffDatabases } from '../digest/diff-databases.js';
import { formatDiff } from '../digest/format-digest.js';
import { resolveTableSpecs, type TableFlags } from '../digest/table-options.js';
import { COMMAND_LIST } from './command-list.js';
import { readDagFile, walkDatabases } from '../lineage/walk-databases.js';
import { formatWalk } from '../lineage/format-walk.js';

interface DiffArgs extends TableFlags {
  readonly dbA: string;
  readonly dbB: string;
  readonly samples: number;
  readonly json?: boolean;
  readonly dag?: string;
}

/** Sample rows per side and table that `--samples` may ask for. */
const MAX_SAMPLES = 10_000;

/** The `diff` command module, registered by src/commands.ts. */
export const diffCommand: CommandModule<object, DiffArgs> = {
  command: COMMAND_LIST.diff.usage,
  describe: COMMAND_LIST.diff.summary,
  builder: (yargs) =>
    yargs
      .positional('dbA', {
        type: 'string',
        demandOption: true,
        describe: 'first DuckDB file (A, e.g. the reference run)',
      })
      .positional('dbB', { type: 'string', demandOption: true, describe: 'second DuckDB file (B)' })
      .option('table', {
        type: 'string',
        array: true,
        describe: 'table to compare (repeatable); default as for digest, from both files',
      })
      .option('exempt', {
        type: 'string',
        array: true,
        describe: 'TABLE.COLUMN left out of the comparison (repeatable)',
      })
      .option('group-by', {
        type: 'string',
        array: true,
        describe: 'TABLE.COLUMN to localize differences by (repeatable)',
      })
      .option('round', {
        type: 'string',
        array: true,
        describe: 'TABLE.COLUMN=PLACES: round a DOUBLE column before comparing',
      })
      .option('samples', { type: 'number', default: DEFAULT_SAMPLES, describe: 'sample rows per side and table' })
      .option('dag', {
        type: 'string',
        describe:
          "lineage to walk to the root cause: dbt's target/manifest.json, or a JSON file {relation: [upstream relations]}",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as never,
  handler: async (args) => {
    if (!Number.isInteger(args.samples) || args.samples < 0)
      throw new InputError(`--samples ${String(args.samples)}: expected a non-negative integer`);
    // Sample rows are held in memory and printed: a typo such as 1e9 must not read a whole table.
    if (args.samples > MAX_SAMPLES)
      throw new InputError(`--samples: expected at most ${MAX_SAMPLES}, got ${args.samples}`);
    const [tablesA, tablesB] = [await listTables(args.dbA), await listTables(args.dbB)];
    // Default tables come from both files, so a table present in only one is reported, not skipped.
    const union = [...new Set([...tablesA, ...tablesB])].sort();
    const tables = resolveTableSpecs(args, union);
    const graph = args.dag !== undefined ? await readDagFile(args.dag) : null;
    const diff = await readingDatabases([args.dbA, args.dbB], () =>
      diffDatabases(args.dbA, args.dbB, tables, { samples: args.samples }),
    );
    const symptoms = diff.tables.filter((table) => !table.identical).map((table) => table.table);
    // The walk only when something differs: its cost is a digest of every relation of both files.
    const walked =
      graph !== null && symptoms.length > 0
        ? await readingDatabases([args.dbA, args.dbB], () => walkDatabases(args.dbA, args.dbB, graph, symptoms))
        : null;
    const groupBy = Object.fromEntries(Object.entries(tables).map(([table, spec]) => [table, spec.groupBy]));
    if (args.json) process.stdout.write(`${JSON.stringify(walked ? { ...diff, ...walked } : diff, null, 2)}\n`);
    else process.stdout.write(`${walked ? formatWalk(walked) : ''}${formatDiff(diff, groupBy)}`);
    process.exitCode = diff.identical ? EXIT.pass : EXIT.determinism;
  },
};

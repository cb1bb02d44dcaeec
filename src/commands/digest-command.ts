// `threadgate digest DB`: digests the tables of one DuckDB file (READ_ONLY) and prints them.
import type { CommandModule } from 'yargs';
import { readingDatabases } from '../duckdb/attach-error.js';
import { EXIT, InputError } from '../core/errors.js';
import { digestDatabase, listTables } from '../digest/digest-database.js';
import { formatDigest } from '../digest/format-digest.js';
import { resolveTableSpecs, type TableFlags } from '../digest/table-options.js';
import { COMMAND_LIST } from './command-list.js';

interface DigestArgs extends TableFlags {
  readonly db: string;
  readonly json?: boolean;
  readonly stable?: boolean;
}

/** The `digest` command module, registered by src/commands.ts. */
export const digestCommand: CommandModule<object, DigestArgs> = {
  command: COMMAND_LIST.digest.usage,
  describe: COMMAND_LIST.digest.summary,
  builder: (yargs) =>
    yargs
      .positional('db', { type: 'string', demandOption: true, describe: 'DuckDB database file (opened READ_ONLY)' })
      .option('table', {
        type: 'string',
        array: true,
        describe:
          'table to digest (repeatable); default: fct_yearly_events and fct_workforce_snapshot if both exist, else every table',
      })
      .option('exempt', { type: 'string', array: true, describe: 'TABLE.COLUMN left out of the digest (repeatable)' })
      .option('group-by', {
        type: 'string',
        array: true,
        describe: 'TABLE.COLUMN to break the digest down by (repeatable)',
      })
      .option('round', {
        type: 'string',
        array: true,
        describe: 'TABLE.COLUMN=PLACES: round a DOUBLE column before hashing (accepts last-bit drift)',
      })
      .option('stable', {
        type: 'boolean',
        default: false,
        describe:
          "the version-stable md5 digest (to store, or compare across DuckDB versions); default: the fast digest on DuckDB's hash(), comparable only with digests from the same DuckDB version",
      })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON' }) as never,
  handler: async (args) => {
    const existing = await listTables(args.db);
    refuseMissingTables(args.db, args.table ?? [], existing);
    const tables = resolveTableSpecs(args, existing);
    // The leave-one-out column digests appear only in --json (n+1 row hashes each row: with --stable, n+1 md5s).
    const digest = await readingDatabases([args.db], () =>
      digestDatabase(args.db, tables, { kind: args.stable ? 'stable' : 'fast', columns: args.json === true }),
    );
    process.stdout.write(args.json ? `${JSON.stringify(digest, null, 2)}\n` : formatDigest(digest));
    process.exitCode = EXIT.pass;
  },
};

/** A table asked for by name that the database lacks is bad input (exit 2), not a "(missing)" line. */
function refuseMissingTables(db: string, named: readonly string[], existing: readonly string[]): void {
  const lower = new Set(existing.map((table) => table.toLowerCase()));
  const missing = named.filter((table) => !lower.has(table.toLowerCase()));
  if (missing.length === 0) return;
  const shown = existing.slice(0, 10).join(', ') + (existing.length > 10 ? `, and ${existing.length - 10} more` : '');
  throw new InputError(
    `--table ${missing.join(', ')}: no such table in ${db} (it has ${existing.length === 0 ? 'no tables' : shown})`,
  );
}

// The digest worker: a child process of the harness that digests run databases on request, so DuckDB's
// working memory (about 100 MB beyond its buffer limit while it scans an output of a million rows) lives
// and is returned outside the harness process. It also reads a run's schedule table (run_metadata of the
// built-in orchestrator), so the harness process itself never opens a DuckDB instance. Started once per
// matrix by digest-client.ts; it exits when its parent disconnects (the parent ended, or was killed:
// the IPC pipe closes either way).
import { InputError } from '../core/errors.js';
import { digestDatabase, type DigestOptions } from './digest-database.js';
import type { TableSpec } from '../matrix/types.js';
import { readScheduleTable } from '../schedules/table-source.js';
import { digestRelations, type RelationsRequest } from './digest-relations.js';
import { openSession, type DigestSession } from '../duckdb/session.js';
import type { RawTask } from '../schedules/types.js';

/** A request from the harness: digest tables, or read a schedule table. */
export type DigestRequest =
  | {
      readonly id: number;
      readonly database: string;
      readonly tables: Readonly<Record<string, TableSpec>>;
      readonly options: DigestOptions;
    }
  | { readonly id: number; readonly database: string; readonly scheduleTable: string }
  | {
      readonly id: number;
      readonly database: string;
      readonly relations: RelationsRequest;
      readonly options: DigestOptions;
    };

/** The answer: the digests, or the error's message and whether it was the caller's input; `ready` once loaded. */
export type DigestReply =
  | {
      readonly id: number;
      readonly result:
        | Awaited<ReturnType<typeof digestDatabase>>
        | RawTask[]
        | Awaited<ReturnType<typeof digestRelations>>;
    }
  | { readonly id: number; readonly error: string; readonly input: boolean }
  | { readonly ready: true };

/** One instance for every relations request, created on the first (digest-relations.ts says why). */
let relationsSession: Promise<DigestSession> | null = null;

function relationsSessionFor(options: { threads?: number; memoryLimit?: string }): Promise<DigestSession> {
  relationsSession ??= openSession({ threads: options.threads, memoryLimit: options.memoryLimit });
  return relationsSession;
}

process.on('message', (request: DigestRequest) => {
  const work =
    'scheduleTable' in request
      ? readScheduleTable(request.database, request.scheduleTable)
      : 'relations' in request
        ? relationsSessionFor(request.options).then((session) =>
            digestRelations(request.database, request.relations, { session }),
          )
        : digestDatabase(request.database, request.tables, request.options);
  work.then(
    (result) => process.send?.({ id: request.id, result } satisfies DigestReply),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
        input: error instanceof InputError,
      } satisfies DigestReply),
  );
});
process.on('disconnect', () => process.exit(0));
// DuckDB and every module are loaded: the harness may start a run without this load competing with it.
process.send?.({ ready: true } satisfies DigestReply);

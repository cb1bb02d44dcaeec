// The harness's side of the digest worker (digest-worker.ts): one child process per matrix, started on
// the first request, asked one database at a time; stop() ends it. Keeps DuckDB's memory out of the
// harness process (measured: 250 MiB peak with digests in-process, see README "Benchmarks").
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.js';
import type { DigestOptions } from './digest-database.js';
import type { DigestReply, DigestRequest } from './digest-worker.js';
import type { DatabaseDigest } from './types.js';
import type { TableSpec } from '../matrix/types.js';
import type { RawTask } from '../schedules/types.js';
import type { RelationsDigest, RelationsRequest } from './digest-relations.js';

const WORKER = fileURLToPath(new URL('./digest-worker.js', import.meta.url));

/** A running digest worker: `digest` has the shape of digestDatabase. */
export interface DigestWorker {
  /**
   * Starts the worker now and resolves once it has loaded (or failed to start): `run` calls it before
   * the first run, so loading Node and DuckDB (0.2–0.4 s of CPU) neither competes with that run nor
   * lengthens the gap after it.
   */
  start(): Promise<void>;
  digest(
    database: string,
    tables: Readonly<Record<string, TableSpec>>,
    options?: DigestOptions,
  ): Promise<DatabaseDigest>;
  /** readScheduleTable (src/schedules/table-source.ts), in the worker. */
  readScheduleTable(database: string, table: string): Promise<RawTask[]>;
  /** digestRelations (digest-relations.ts), in the worker. */
  digestRelations(database: string, request: RelationsRequest, options?: DigestOptions): Promise<RelationsDigest>;
  stop(): void;
  /** The worker's process id while it runs, else null. */
  pid(): number | null;
}

/** Starts nothing until start() or the first digest; then one worker serves every request until stop(). */
export function createDigestWorker(): DigestWorker {
  let child: ChildProcess | null = null;
  let ready: Promise<void> | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>();
  const failAll = (reason: string): void => {
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
    child = null;
    ready = null;
  };
  const start = (): ChildProcess => {
    // No execArgv: the harness's own Node flags (--input-type, a loader) are not the worker's.
    const started = fork(WORKER, [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      execArgv: [],
    });
    ready = new Promise((resolve) => {
      started.once('message', () => resolve());
      started.once('exit', () => resolve());
      started.once('error', () => resolve());
    });
    started.on('message', (reply: DigestReply) => {
      if ('ready' in reply) return;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if ('result' in reply) waiting.resolve(reply.result as never);
      else waiting.reject(reply.input ? new InputError(reply.error) : new Error(reply.error));
    });
    started.on('exit', (code, signal) => failAll(`the digest worker ended (${signal ?? `exit ${code}`})`));
    started.on('error', (error) => failAll(`the digest worker failed: ${error.message}`));
    return started;
  };
  // Each reply answers the request of its id, so its result has the type that request's caller expects.
  const request = <T>(build: (id: number) => DigestRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      child ??= start();
      const id = nextId++;
      pending.set(id, { resolve: resolve as (result: never) => void, reject });
      child.send(build(id));
    });
  return {
    start: async () => {
      child ??= start();
      await ready;
    },
    digest: (database, tables, options = {}) => request<DatabaseDigest>((id) => ({ id, database, tables, options })),
    readScheduleTable: (database, table) => request<RawTask[]>((id) => ({ id, database, scheduleTable: table })),
    digestRelations: (database, relations, options = {}) =>
      request<RelationsDigest>((id) => ({ id, database, relations, options })),
    stop: () => {
      child?.disconnect();
      child = null;
      ready = null;
    },
    pid: () => child?.pid ?? null,
  };
}

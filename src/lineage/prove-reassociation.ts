// Proof instead of judgement by size: re-run a model's SQL on the run's own database at one and at
// several DuckDB threads and see whether its result changes with DuckDB's threads alone. A result
// that does is floating-point reassociation (or a tie an order-dependent pick breaks), whatever the
// size of the difference. The database is attached READ_ONLY under its own file name, so the
// compiled SQL's qualified names (dbt-duckdb writes "simulation"."main"."x") resolve.
import path from 'node:path';
import { attachDatabase, openSession } from '../duckdb/session.js';
import { quoteIdentifier } from '../duckdb/sql.js';

/** What re-running a model at several thread counts showed. */
export interface RerunProof {
  readonly method: 'rerun';
  /** DuckDB thread counts it ran at, each `repetitions` times. */
  readonly threadCounts: readonly number[];
  readonly repetitions: number;
  /** Distinct results (row digests) over every run: more than one proves the result depends on the threads. */
  readonly distinctResults: number;
  readonly changesWithThreads: boolean;
  /** The result changed between repetitions at one thread: the model is nondeterministic on its own (random(), a clock), which no thread count explains. */
  readonly unstableAtOneThread?: boolean;
  /** Why it could not be re-run, when it could not. */
  readonly error?: string;
}

/** Re-runs `sql` (a SELECT) against `database` at each thread count, `repetitions` times each. */
export async function rerunAtThreadCounts(
  database: string,
  sql: string,
  threadCounts: readonly number[] = [1, 2, 4],
  repetitions = 2,
): Promise<RerunProof> {
  const base = { method: 'rerun' as const, threadCounts, repetitions };
  const session = await openSession({ threads: Math.max(...threadCounts), memoryLimit: '1GB' });
  try {
    const stem = path.basename(database).replace(/\.[^.]*$/, '');
    await attachDatabase(session, database, stem);
    await session.connection.run(`USE ${quoteIdentifier(stem)}`);
    const results = new Set<string>();
    const single = new Set<string>();
    const body = sql.trim().replace(/;\s*$/, '');
    for (let round = 0; round < repetitions; round += 1) {
      for (const threads of threadCounts) {
        await session.connection.run(`SET threads = ${Math.trunc(threads)}`);
        const reader = await session.connection.runAndReadAll(
          `SELECT count(*) AS n, CAST(sum(hash(q)) AS VARCHAR) AS h FROM (${body}) AS q`,
        );
        const row = reader.getRowObjectsJson()[0]!;
        const result = `${String(row['n'])}:${String(row['h'])}`;
        results.add(result);
        if (threads === 1) single.add(result);
      }
    }
    // One thread combines in one fixed order: a result that still changes there is not the threads' doing.
    const unstableAtOneThread = single.size > 1;
    return {
      ...base,
      distinctResults: results.size,
      changesWithThreads: results.size > 1 && !unstableAtOneThread,
      ...(unstableAtOneThread ? { unstableAtOneThread } : {}),
    };
  } catch (error) {
    return {
      ...base,
      distinctResults: 0,
      changesWithThreads: false,
      error: (error instanceof Error ? error.message : String(error)).split('\n')[0]!,
    };
  } finally {
    session.close();
  }
}

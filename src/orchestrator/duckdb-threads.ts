// DuckDB's `threads` setting follows the thread count T (E067), but it sizes one pool of workers
// shared by every query, and each running query's own calling thread works beside that pool. With
// T models at once, a setting of T would put 2T-1 threads on T cores, and on these small queries
// DuckDB's parallel operators cost about a quarter more CPU than serial ones (measured: a 2-thread
// run used 26.5 s of CPU with the setting at 2 and 21.7 s at 1, for the same work). So the setting
// is T less the queries running beside the first: T while one query runs, 1 while T do. Either
// way T threads are busy; none of it changes a result, only who computes it.
import type { DuckDBConnection } from '@duckdb/node-api';

/** How long the count of running queries must stay low before DuckDB gets its workers back. */
const RAISE_DELAY_MS = 25;

/** Keeps DuckDB's `threads` at the thread count less the queries running beside the first. */
export class DuckDBThreads {
  readonly #connection: DuckDBConnection;
  readonly #total: number;
  #running = 0;
  #applied: number;
  /** A pending raise: raised only once the count has stayed low a moment (see RAISE_DELAY_MS). */
  #raiseTimer: NodeJS.Timeout | null = null;
  /** The settings are applied one after another, each to the count at the time it runs. */
  #chain: Promise<void> = Promise.resolve();
  #failure: unknown = null;

  /** `connection` is used for nothing else; the instance starts with `threads` = `total`. */
  constructor(connection: DuckDBConnection, total: number) {
    this.#connection = connection;
    this.#total = total;
    this.#applied = total;
  }

  /** The setting for `running` queries at once. */
  static settingFor(total: number, running: number): number {
    return Math.max(1, total - Math.max(0, running - 1));
  }

  /** Counts a query in (call before it starts); returns the function that counts it out. */
  enter(): () => void {
    this.#running += 1;
    this.#apply();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#running -= 1;
      // Most ends are followed within a millisecond by the next model's start: raising at once
      // would stop and start DuckDB's workers for nothing (measured: about 4 s more CPU a run).
      this.#raiseTimer ??= setTimeout(() => {
        this.#raiseTimer = null;
        this.#apply();
      }, RAISE_DELAY_MS);
    };
  }

  /** Drops a pending raise and waits for the settings in flight; throws if one failed. */
  async settle(): Promise<void> {
    if (this.#raiseTimer !== null) clearTimeout(this.#raiseTimer);
    this.#raiseTimer = null;
    await this.#chain;
    if (this.#failure !== null) throw this.#failure;
  }

  #apply(): void {
    this.#chain = this.#chain
      .then(async () => {
        const wanted = DuckDBThreads.settingFor(this.#total, this.#running);
        if (wanted === this.#applied) return;
        await this.#connection.run(`SET threads = ${wanted}`);
        this.#applied = wanted;
      })
      .catch((error: unknown) => {
        this.#failure ??= error; // kept for settle(): never an unhandled rejection
      });
  }
}

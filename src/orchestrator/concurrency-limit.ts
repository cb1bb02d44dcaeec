// The engine's concurrency limit as a shared, adjustable value: the adaptive thread adjuster
// lowers and raises it while the engine runs, and the engine reads it before each start.

/** A mutable ceiling on how many models run at once, between 1 and `max`. */
export class ConcurrencyLimit {
  #current: number;
  readonly max: number;
  readonly #listeners = new Set<() => void>();

  constructor(initial: number, max = initial) {
    this.max = max;
    this.#current = Math.min(Math.max(1, initial), max);
  }

  get current(): number {
    return this.#current;
  }

  /** Sets the limit (clamped to 1..max); returns the value in force afterwards. */
  set(value: number): number {
    const next = Math.min(Math.max(1, Math.trunc(value)), this.max);
    if (next !== this.#current) {
      this.#current = next;
      for (const listener of this.#listeners) listener();
    }
    return next;
  }

  /** Calls `listener` on every change (the engine wakes up to start more models). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

// The engine's concurrency limit as a shared, adjustable value: the adaptive thread adjuster
// lowers and raises it while the engine runs, the output writer holds one of its slots while it
// writes beside the models, and the engine reads what is left before each start.

/** A mutable ceiling on how many models run at once, between 1 and `max`. */
export class ConcurrencyLimit {
  #current: number;
  #reserved = 0;
  readonly max: number;
  readonly #listeners = new Set<() => void>();

  constructor(initial: number, max = initial) {
    this.max = max;
    this.#current = Math.min(Math.max(1, initial), max);
  }

  get current(): number {
    return this.#current;
  }

  /** Slots the output writer holds. */
  get reserved(): number {
    return this.#reserved;
  }

  /** Slots left for models: the limit less what the output writer holds (may be 0 for a while). */
  get available(): number {
    return Math.max(0, this.#current - this.#reserved);
  }

  /** Sets the limit (clamped to 1..max); returns the value in force afterwards. */
  set(value: number): number {
    const next = Math.min(Math.max(1, Math.trunc(value)), this.max);
    if (next !== this.#current) {
      this.#current = next;
      this.#notify();
    }
    return next;
  }

  /** Holds one slot until the returned function is called (once). */
  reserve(): () => void {
    this.#reserved += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#reserved -= 1;
      this.#notify();
    };
  }

  /** Calls `listener` on every change (the engine wakes up to start more models). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

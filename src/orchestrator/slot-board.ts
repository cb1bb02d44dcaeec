// Slot numbers for the schedule: every model execution and output write holds the lowest slot
// number free when it starts, so run_metadata's `slot` column draws one Gantt lane per worker and
// never more lanes than things ran at once.

/** Hands out the lowest free slot number and takes it back. */
export class SlotBoard {
  readonly #taken = new Set<number>();

  /** The lowest free slot, now taken. */
  take(): number {
    let slot = 0;
    while (this.#taken.has(slot)) slot += 1;
    this.#taken.add(slot);
    return slot;
  }

  /** Frees `slot` for the next start. */
  give(slot: number): void {
    this.#taken.delete(slot);
  }
}

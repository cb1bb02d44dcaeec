// A timer that never lets sampling stall or pile up: ticks are scheduled against the start time
// (no drift from setInterval's late callbacks), and a tick whose predecessor is still running is
// skipped instead of queued.

/** A running tick timer. */
export interface TickTimer {
  /** Ticks skipped because the previous one had not finished (or the event loop was late). */
  readonly skippedTicks: number;
  /** Stops scheduling and waits for a tick in flight. */
  stop(): Promise<void>;
}

/** Calls tick() every intervalMs, self-correcting, one at a time; the first call is immediate. */
export function startTickTimer(intervalMs: number, tick: () => Promise<void>): TickTimer {
  const startMs = performance.now();
  let index = 0;
  let skipped = 0;
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const fire = (): void => {
    if (stopped) return;
    if (inFlight) {
      skipped++;
    } else {
      inFlight = tick()
        .catch(() => undefined) // a failed sample must not end the timeline
        .finally(() => {
          inFlight = null;
        });
    }
    schedule();
  };

  const schedule = (): void => {
    const nowMs = performance.now();
    const next = Math.max(index + 1, Math.ceil((nowMs - startMs) / intervalMs));
    skipped += next - index - 1;
    index = next;
    timer = setTimeout(fire, Math.max(0, startMs + index * intervalMs - nowMs));
    // The sampler must never keep a process alive on its own.
    timer.unref();
  };

  fire();
  return {
    get skippedTicks() {
      return skipped;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}

// A slowdown that can be planted in the reference orchestrator without changing a single output row:
// THREADGATE_SIMULATE_DELAY_MS=N makes every simulated year wait N ms (a sleep on the critical path,
// before the year's outputs are written). It exists to test regression tooling end to end — the
// nightly history must name the commit where a planted slowdown began — and is unset in real use.
import { InputError } from '../core/errors.js';

/** The environment variable that plants the delay. */
export const PLANTED_DELAY_VARIABLE = 'THREADGATE_SIMULATE_DELAY_MS';

/** The planted delay per simulated year in ms (0 when unset); InputError for a value that is no whole number. */
export function readPlantedDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[PLANTED_DELAY_VARIABLE];
  if (text === undefined || text === '') return 0;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 3_600_000)
    throw new InputError(
      `${PLANTED_DELAY_VARIABLE}=${JSON.stringify(text)}: expected whole milliseconds from 0 to 3600000`,
    );
  return value;
}

/** Waits the planted delay (nothing when it is 0). */
export function waitPlantedDelay(delayMs: number): Promise<void> {
  return delayMs <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, delayMs));
}

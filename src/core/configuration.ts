// The vocabulary of every layer: a threading mode, a thread count's bounds and a configuration.

export const THREADING_MODES = ['sequential', 'selective', 'aggressive'] as const;
/** E067 threading mode. */
export type ThreadingMode = (typeof THREADING_MODES)[number];

export const MIN_THREADS = 1;
export const MAX_THREADS = 16;

/** One point of the matrix: a thread count and a mode. */
export interface Configuration {
  readonly threads: number;
  readonly mode: ThreadingMode;
}

// How fast one task runs given what runs beside it: the calibrated contention model (types.ts).
import type { ContentionModel } from './types.js';

/** A model with no contention and no parallel gain: each task runs at its one-thread speed. */
export const NEUTRAL_MODEL: ContentionModel = { parallelGain: 0, interference: 0, oversubscription: 0, overheadMs: 0 };

/**
 * Speed (work-ms per ms) of one of `running` tasks on `threads` threads and `cores` cores; `width`
 * caps the threads this task can use (a writer's parallel appends), Infinity for none.
 */
export function computeSpeed(
  model: ContentionModel,
  running: number,
  threads: number,
  cores: number,
  width = Infinity,
  engineThreads = threads,
): number {
  const k = Math.max(1, running);
  const share = Math.min(Math.max(1, engineThreads / k), cores / k, Math.max(1, width));
  const parallel = share >= 1 ? 1 + model.parallelGain * (share - 1) : share;
  const penalty = 1 + model.interference * (k - 1) + model.oversubscription * Math.max(0, engineThreads - cores);
  return parallel / penalty;
}

// How many bytes a stress setting holds: pure, so the reports can say it from the plan alone.
import type { StressSettings } from '../matrix/types.js';

/** The bytes to hold: a share of the cgroup's limit when confined, else of the machine's memory. */
export function resolveStressBytes(settings: StressSettings, machineBytes: number): number {
  if ('bytes' in settings.memory) return settings.memory.bytes;
  return Math.floor(settings.memory.fraction * (settings.limitBytes ?? machineBytes));
}

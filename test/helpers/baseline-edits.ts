// Altered copies of a saved baseline, for the gate tests: one golden digest changed, or the
// machine's timings scaled (a baseline that was faster than the run it gates).
import type { BaselineFile } from '../../src/baselines/types.js';

/** `baseline` with `table`'s golden digest replaced by `digest`. */
export function withGoldenDigest(baseline: BaselineFile, table: string, digest: string): BaselineFile {
  const golden = baseline.golden!;
  const entry = golden.tables[table]!;
  return { ...baseline, golden: { ...golden, tables: { ...golden.tables, [table]: { ...entry, digest } } } };
}

/**
 * `baseline` with its (first) machine's samples and medians multiplied by `factor`, kept under
 * that machine's hardware id, or moved to `hardwareId` to stand for other hardware.
 */
export function withScaledTimings(baseline: BaselineFile, factor: number, hardwareId?: string): BaselineFile {
  const [id, machine] = Object.entries(baseline.performance)[0]!;
  const configurations = machine.configurations.map((c) => ({
    ...c,
    samplesMs: c.samplesMs.map((ms) => ms * factor),
    medianMs: c.medianMs * factor,
  }));
  return { ...baseline, performance: { [hardwareId ?? id]: { ...machine, configurations } } };
}

// The hardware id `--threads auto` looks recommendations up by. It comes from the monitor's
// fingerprint (src/monitor/hardware.ts); loaded lazily so that a missing or failing monitor
// degrades to "no recommendation found" instead of breaking the simulator.
import type { HardwareFingerprint } from '../monitor/types.js';

type FingerprintModule = { readHardwareFingerprint?: () => Promise<HardwareFingerprint> };

/** Reads this machine's hardware id, or null when the fingerprint is unavailable. */
export async function readHardwareId(): Promise<string | null> {
  // A variable specifier keeps the type checker from requiring the module at build time.
  const specifier = '../monitor/hardware.js';
  try {
    const module = (await import(specifier)) as FingerprintModule;
    if (typeof module.readHardwareFingerprint !== 'function') return null;
    return (await module.readHardwareFingerprint()).id;
  } catch {
    return null;
  }
}

// Who a pid is, where /proc is not there: `started:<ms since 1970>`, from pidusage's elapsed time.
// macOS's ps gives the elapsed time to the second and reading takes a moment, so two readings of
// one process may differ by about a second: identities within IDENTITY_TOLERANCE_MS are the same
// process. (A pid reused within two seconds of the same start instant is not a risk worth a
// native addon.)
import { readProcessUsage } from './process-usage.js';

const PREFIX = 'started:';
/** How far apart two readings of one process's start may lie. */
export const IDENTITY_TOLERANCE_MS = 2500;

/** The identity of a live process, or null when it is gone. */
export async function readPortableIdentity(pid: number): Promise<string | null> {
  const usage = (await readProcessUsage([pid]))?.get(pid);
  return usage ? `${PREFIX}${Math.round(usage.startedAtMs)}` : null;
}

/** True when two identities name one process (both portable, starts within the tolerance). */
export function isSameIdentity(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  if (!a.startsWith(PREFIX) || !b.startsWith(PREFIX)) return a === b;
  const startA = Number(a.slice(PREFIX.length));
  const startB = Number(b.slice(PREFIX.length));
  return Number.isFinite(startA) && Number.isFinite(startB) && Math.abs(startA - startB) <= IDENTITY_TOLERANCE_MS;
}

// A memory cgroup of the harness's own making, nested in the cgroup the harness runs in: the stress
// helper and every run join it, so an OOM kill stays inside it. cgroup v2 (memory.max,
// memory.events) where the memory controller is delegated to the harness's cgroup, else v1
// (memory.limit_in_bytes, memory.oom_control), else none: the caller says why in one line.
import { describeFileError } from '../core/describe-file-error.js';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A cgroup the harness created; remove() deletes it once its processes are gone. */
export interface MemoryCgroup {
  readonly path: string;
  readonly version: 1 | 2;
  readonly limitBytes: number;
  /** Moves a process (and the children it forks from now on) into the cgroup. */
  join(pid: number): void;
  /** OOM kills inside the cgroup so far; null when the counter cannot be read. */
  readOomKills(): number | null;
  remove(): Promise<void>;
}

const NAME_PREFIX = 'threadgate-';

interface Hierarchy {
  readonly version: 1 | 2;
  /** The harness's own cgroup directory in that hierarchy. */
  readonly own: string;
}

/** The cgroup directories of this process: the v2 one and the v1 memory one, where mounted. */
function findHierarchies(): Hierarchy[] {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' '));
  const membership = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  const found: Hierarchy[] = [];
  const v2Mount = mounts.find((fields) => fields[fields.indexOf('-') + 1] === 'cgroup2')?.[4];
  const v2Path = membership.find((line) => line.startsWith('0::'))?.slice(3);
  if (v2Mount && v2Path !== undefined) found.push({ version: 2, own: path.join(v2Mount, v2Path) });
  const v1Mount = mounts.find(
    (fields) => fields[fields.indexOf('-') + 1] === 'cgroup' && (fields.at(-1) ?? '').split(',').includes('memory'),
  )?.[4];
  const v1Path = membership
    .map((line) => line.split(':'))
    .find(([, controllers]) => controllers?.split(',').includes('memory'))?.[2];
  if (v1Mount && v1Path !== undefined) found.push({ version: 1, own: path.join(v1Mount, v1Path) });
  return found;
}

const FILES = {
  1: { limit: 'memory.limit_in_bytes', events: 'memory.oom_control' },
  2: { limit: 'memory.max', events: 'memory.events' },
} as const;

/** The `oom_kill N` line of memory.events (v2) or memory.oom_control (v1). */
export function parseOomKillCount(text: string): number | null {
  const match = /^oom_kill (\d+)$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/** Deletes cgroups left by harnesses that died (empty ones only: rmdir refuses the others). */
function removeStale(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.slice(NAME_PREFIX.length));
    if (!name.startsWith(NAME_PREFIX) || !Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      try {
        rmdirSync(path.join(parent, name));
      } catch {
        /* still holds processes: leave it */
      }
    }
  }
}

function tryCreate(hierarchy: Hierarchy, limitBytes: number): MemoryCgroup {
  const files = FILES[hierarchy.version];
  removeStale(hierarchy.own);
  const dir = path.join(hierarchy.own, `${NAME_PREFIX}${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(path.join(dir, files.limit), String(limitBytes));
  } catch (error) {
    rmdirSync(dir);
    throw error;
  }
  return {
    path: dir,
    version: hierarchy.version,
    limitBytes,
    join: (pid) => writeFileSync(path.join(dir, 'cgroup.procs'), String(pid)),
    readOomKills: () => {
      try {
        return parseOomKillCount(readFileSync(path.join(dir, files.events), 'utf8'));
      } catch {
        return null;
      }
    },
    remove: async () => {
      // A killed process leaves the cgroup when it is reaped, a moment after its parent saw it exit.
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          rmdirSync(dir);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          await sleep(50);
        }
      }
    },
  };
}

/** Creates a memory cgroup of `limitBytes` for this harness; throws an Error saying why it cannot. */
export function createMemoryCgroup(limitBytes: number): MemoryCgroup {
  const hierarchies = findHierarchies();
  const failures: string[] = [];
  for (const hierarchy of hierarchies) {
    try {
      return tryCreate(hierarchy, limitBytes);
    } catch (error) {
      failures.push(`cgroup v${hierarchy.version} at ${hierarchy.own}: ${describeFileError(error)}`);
    }
  }
  throw new Error(failures.length > 0 ? failures.join('; ') : 'no cgroup hierarchy is mounted');
}

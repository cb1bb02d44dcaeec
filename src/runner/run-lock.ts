// run.lock: one harness at a time per run directory. The file names its owner (pid, start time,
// host) and the orchestrator process it is running, so a second harness is refused while the owner
// lives, and a harness that finds the owner dead (killed with kill -9, or its pid reused) takes the
// lock over and first kills whatever the dead owner left running.
import { link, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { InputError } from '../core/errors.js';
import type { ChildProcessRecord } from './leftover-sweep.js';
import { selectTreeKiller } from './select-tree-killer.js';

export const LOCK_FILE = 'run.lock';

/** The content of run.lock. */
export interface LockContent {
  readonly owner: { readonly pid: number; readonly startTime: string; readonly host: string; readonly since: string };
  /** The orchestrator running now; null between runs. */
  readonly child: ChildProcessRecord | null;
}

/** What taking the lock found and did. */
export interface LockTakeover {
  /** The dead owner whose lock was taken over (null: the lock was unreadable, not written by a harness). */
  readonly previousOwnerPid: number | null;
  /** Pids of the processes it left running, now killed. */
  readonly killedPids: readonly number[];
}

/** A held lock. */
export interface RunLock {
  readonly file: string;
  /** Set when the lock was taken over from a dead owner. */
  readonly takeover: LockTakeover | null;
  /** Records the orchestrator just spawned (so a harness that finds this one dead can kill it). */
  recordChild(child: ChildProcessRecord): Promise<void>;
  /** Records that no orchestrator is running. */
  clearChild(): Promise<void>;
  /** Removes the lock if it is still this process's; never throws. */
  release(): Promise<void>;
}

/** Takes run.lock of `runDir`; InputError (exit 2) naming the folder and the owner when another harness holds it. */
export async function acquireRunLock(runDir: string, now: () => Date = () => new Date()): Promise<RunLock> {
  const file = path.join(runDir, LOCK_FILE);
  const owner = {
    pid: process.pid,
    startTime: (await selectTreeKiller().readIdentity(process.pid)) ?? 'unknown',
    host: os.hostname(),
    since: now().toISOString(),
  };
  let takeover: LockTakeover | null = null;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await createExclusively(file, { owner, child: null })) {
      return createHeldLock(file, owner, takeover);
    }
    const held = await readLock(file);
    if (held === 'missing') continue; // released between our two steps: try again
    await refuseIfAlive(runDir, held);
    const taken = await takeOver(runDir, file, held);
    if (taken) takeover = taken;
  }
  throw new InputError(`${runDir}: could not take ${LOCK_FILE}: other harnesses keep taking it`);
}

/** Writes beside the lock, then links: link(2) fails when the lock exists, so exactly one harness wins, and nobody sees half a file. */
async function createExclusively(file: string, content: LockContent): Promise<boolean> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content)}\n`);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function readLock(file: string): Promise<LockContent | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const content = JSON.parse(text) as LockContent;
    return typeof content.owner?.pid === 'number' ? content : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

async function refuseIfAlive(runDir: string, held: LockContent | 'unreadable'): Promise<void> {
  if (held === 'unreadable') return; // not written by a harness (links make a lock whole): stale
  const { pid, startTime, host, since } = held.owner;
  if (host !== os.hostname()) {
    throw new InputError(
      `${runDir}: in use by threadgate pid ${pid} on host ${host} since ${since} (${LOCK_FILE}); delete ${path.join(runDir, LOCK_FILE)} only if that harness is gone`,
    );
  }
  if (await selectTreeKiller().isSameProcess(pid, startTime)) {
    throw new InputError(
      `${runDir}: in use by threadgate pid ${pid} since ${since} (${LOCK_FILE}); wait for it to finish, or stop it first`,
    );
  }
}

/** Moves a dead owner's lock aside (only one harness can), kills what it left running, and deletes its temp files. */
async function takeOver(
  runDir: string,
  file: string,
  judged: LockContent | 'unreadable',
): Promise<LockTakeover | null> {
  const aside = `${file}.stale.${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // someone else moved it first
    throw error;
  }
  const moved = await readLock(aside);
  if (
    judged !== 'unreadable' &&
    (moved === 'missing' ||
      moved === 'unreadable' ||
      moved.owner.pid !== judged.owner.pid ||
      moved.owner.startTime !== judged.owner.startTime)
  ) {
    // Another harness took it over between our read and our rename: give it back, and refuse.
    await link(aside, file).catch(() => undefined);
    await rm(aside, { force: true });
    if (moved !== 'missing' && moved !== 'unreadable') await refuseIfAlive(runDir, moved);
    return null;
  }
  await rm(aside, { force: true });
  if (moved === 'missing' || moved === 'unreadable') return { previousOwnerPid: null, killedPids: [] };
  const killedPids = moved.child ? await selectTreeKiller().killLeftovers(moved.child) : [];
  await removeTemporaryFiles(runDir, moved.owner.pid);
  return { previousOwnerPid: moved.owner.pid, killedPids };
}

/** Temporary files a killed owner left mid-write (`.NAME.<pid>.<hex>.tmp`: src/core/atomic-write.ts). */
async function removeTemporaryFiles(runDir: string, ownerPid: number): Promise<void> {
  const marker = `.${ownerPid}.`;
  for (const name of await readdir(runDir).catch(() => [] as string[])) {
    if (name.endsWith('.tmp') && name.includes(marker)) await rm(path.join(runDir, name), { force: true });
  }
}

function createHeldLock(file: string, owner: LockContent['owner'], takeover: LockTakeover | null): RunLock {
  const update = async (child: ChildProcessRecord | null) => {
    await writeFileAtomically(file, `${JSON.stringify({ owner, child } satisfies LockContent)}\n`);
  };
  return {
    file,
    takeover,
    recordChild: (child) => update(child),
    clearChild: () => update(null),
    async release() {
      const held = await readLock(file).catch(() => 'missing' as const);
      if (
        held === 'missing' ||
        held === 'unreadable' ||
        held.owner.pid !== owner.pid ||
        held.owner.startTime !== owner.startTime
      )
        return;
      await unlink(file).catch(() => undefined);
    },
  };
}

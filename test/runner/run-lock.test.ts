// run.lock with real processes: a live owner refuses a second harness; a dead owner (gone, or its
// pid now another process) is taken over, and what it left running is killed first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { describeChildProcess } from '../../src/runner/leftover-sweep.js';
import { isRunning, readStartTime } from '../../src/runner/process-identity.js';
import { acquireRunLock, LOCK_FILE, type LockContent } from '../../src/runner/run-lock.js';
import { makeTempDir } from '../helpers/run-cli.js';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** A sleeping process; `detached` gives it a process group of its own, as the runner's children have. */
function startSleeper(detached = false): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached });
  started.push(child);
  return child;
}

/** A process that ran and is gone: its pid is free. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function ownerLock(pid: number, startTime: string, child: LockContent['child'] = null): LockContent {
  return { owner: { pid, startTime, host: os.hostname(), since: '2026-11-30T12:00:00.000Z' }, child };
}

async function writeLock(dir: string, content: LockContent): Promise<void> {
  await writeFile(path.join(dir, LOCK_FILE), `${JSON.stringify(content)}\n`);
}

async function waitUntilStarted(child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100 && readStartTime(child.pid!) === null; attempt += 1)
    await new Promise((r) => setTimeout(r, 20));
}

describe('run.lock', () => {
  it('is taken, names its owner, and is removed on release', async () => {
    const dir = await makeTempDir('tg-lock-');
    const lock = await acquireRunLock(dir);
    const content = JSON.parse(await readFile(lock.file, 'utf8')) as LockContent;
    expect(content.owner.pid, 'owner pid').toBe(process.pid);
    expect(content.owner.startTime, 'owner start time').toBe(readStartTime(process.pid));
    expect(lock.takeover, 'no takeover').toBeNull();
    await lock.release();
    expect(existsSync(lock.file), 'removed').toBe(false);
  });

  it('refuses a second harness while the owner lives, naming the folder and the owner pid', async () => {
    const dir = await makeTempDir('tg-lock-');
    const owner = startSleeper();
    await waitUntilStarted(owner);
    await writeLock(dir, ownerLock(owner.pid!, readStartTime(owner.pid!)!));
    const refusal = await acquireRunLock(dir).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal, 'refused').toBeInstanceOf(InputError);
    expect((refusal as Error).message, 'message').toBe(
      `${dir}: in use by threadgate pid ${owner.pid} since 2026-11-30T12:00:00.000Z (run.lock); wait for it to finish, or stop it first`,
    );
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).owner.pid, 'lock untouched').toBe(owner.pid);
  });

  it('refuses a lock held from another host, where its owner cannot be checked', async () => {
    const dir = await makeTempDir('tg-lock-');
    await writeLock(dir, {
      ...ownerLock(4242, 'boot:1'),
      owner: { pid: 4242, startTime: 'boot:1', host: 'ci-runner-7', since: '2026-11-30T12:00:00.000Z' },
    });
    const refusal = await acquireRunLock(dir).then(
      () => null,
      (error: unknown) => error,
    );
    expect((refusal as Error).message, 'message').toBe(
      `${dir}: in use by threadgate pid 4242 on host ci-runner-7 since 2026-11-30T12:00:00.000Z (run.lock); delete ${path.join(dir, LOCK_FILE)} only if that harness is gone`,
    );
  });

  it('takes over the lock of an owner that is gone', async () => {
    const dir = await makeTempDir('tg-lock-');
    const gone = await deadPid();
    await writeLock(dir, ownerLock(gone, 'some-boot:12345'));
    const lock = await acquireRunLock(dir);
    expect(lock.takeover?.previousOwnerPid, 'previous owner').toBe(gone);
    expect(JSON.parse(await readFile(lock.file, 'utf8')).owner.pid, 'new owner').toBe(process.pid);
    await lock.release();
  });

  it('takes over when the owner pid now belongs to another process (pid reuse)', async () => {
    const dir = await makeTempDir('tg-lock-');
    const stranger = startSleeper();
    await waitUntilStarted(stranger);
    // Same pid, other start time: the harness that wrote this lock is gone and its pid was reused.
    await writeLock(dir, ownerLock(stranger.pid!, `${readStartTime(stranger.pid!)}0`));
    const lock = await acquireRunLock(dir);
    expect(lock.takeover?.previousOwnerPid, 'previous owner').toBe(stranger.pid);
    expect(lock.takeover?.killedPids, 'nothing killed').toEqual([]);
    expect(isRunning(stranger.pid!), 'the stranger lives on').toBe(true);
    await lock.release();
  });

  it('kills the process group a dead owner left running before taking over', async () => {
    const dir = await makeTempDir('tg-lock-');
    // A detached child (its own group, as the runner spawns orchestrators) with a grandchild in its group.
    const orphan = spawn(
      process.execPath,
      [
        '-e',
        "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)",
      ],
      { stdio: 'ignore', detached: true },
    );
    started.push(orphan);
    await waitUntilStarted(orphan);
    const record = describeChildProcess(orphan.pid!)!;
    let grandchild: number | undefined;
    for (let attempt = 0; attempt < 100 && grandchild === undefined; attempt += 1) {
      grandchild = (await readFile(`/proc/${orphan.pid}/task/${orphan.pid}/children`, 'utf8'))
        .trim()
        .split(' ')
        .filter(Boolean)
        .map(Number)[0];
      if (grandchild === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(grandchild, 'grandchild started').toBeDefined();
    await writeLock(dir, ownerLock(await deadPid(), 'some-boot:1', record));

    const lock = await acquireRunLock(dir);
    expect(lock.takeover?.killedPids, 'killed: the child and its grandchild').toEqual(
      [orphan.pid!, grandchild!].sort((a, b) => a - b),
    );
    expect(isRunning(orphan.pid!), 'child gone').toBe(false);
    expect(isRunning(grandchild!), 'grandchild gone').toBe(false);
    await lock.release();
  });

  it('never kills a process whose pid merely equals the recorded child (other start time)', async () => {
    const dir = await makeTempDir('tg-lock-');
    const stranger = startSleeper(true);
    await waitUntilStarted(stranger);
    const record = { ...describeChildProcess(stranger.pid!)!, startTime: `${readStartTime(stranger.pid!)}0` };
    await writeLock(dir, ownerLock(await deadPid(), 'some-boot:1', record));
    const lock = await acquireRunLock(dir);
    expect(lock.takeover?.killedPids, 'nothing killed').toEqual([]);
    expect(isRunning(stranger.pid!), 'the stranger lives on').toBe(true);
    await lock.release();
  });
});

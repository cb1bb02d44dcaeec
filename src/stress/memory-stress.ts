// Memory pressure for a whole matrix: a helper process holds a share of the machine's memory (or
// of a cgroup's) from before the first run until the matrix ends or the harness dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatBytes } from '../core/format.js';
import { InputError } from '../core/errors.js';
import { readKilobytes } from '../monitor/proc-files.js';
import { PACKAGE_ROOT } from '../core/package-info.js';
import { createMemoryCgroup, type MemoryCgroup } from './memory-cgroup.js';
import { resolveStressBytes } from './stress-amount.js';
import { READY_PREFIX, type StressSettings, type StressState } from './types.js';

/** The compiled helper (tests run from src/, so the helper always comes from dist/). */
export const HOG_ENTRY = path.join(PACKAGE_ROOT, 'dist', 'stress', 'memory-hog.js');
const SETPRIV = '/usr/bin/setpriv';
/** Left free beyond the held memory for the harness itself, when the stress is machine-wide. */
const MACHINE_MARGIN_BYTES = 512 * 1024 * 1024;

/** The running helper. */
export interface MemoryStress {
  readonly state: StressState;
  /** The helper's pid. */
  readonly pid: number;
  /**
   * Makes a run's root process (and what it forks from now on) the OOM killer's first choice
   * (oom_score_adj 1000: raising one's own needs no privilege), and moves it into the stress cgroup.
   */
  adopt(pid: number): void;
  /** OOM kills inside the stress cgroup so far; null without a cgroup. */
  readOomKills(): number | null;
  /** The helper's resident memory now (0 once it is gone: the report then says the stress was lost). */
  readHeldBytes(): number;
  /** Ends the helper and removes the cgroup. */
  stop(): Promise<void>;
}

function readAvailableBytes(): number {
  return readKilobytes(readFileSync('/proc/meminfo', 'utf8'), 'MemAvailable') ?? os.freemem();
}

/** Refuses an amount that cannot be held safely, naming the key and the figures. */
function checkAmount(settings: StressSettings, bytes: number, availableBytes: number): void {
  const limit = settings.limitBytes;
  if (limit !== null) {
    if (bytes >= limit)
      throw new InputError(
        `stress.memory: ${formatBytes(bytes)} does not fit in stress.limit ${formatBytes(limit)}; expected less than the limit`,
      );
    if (limit > availableBytes)
      throw new InputError(
        `stress.limit: ${formatBytes(limit)} is more than the ${formatBytes(availableBytes)} of memory available now`,
      );
  } else if (bytes > availableBytes - MACHINE_MARGIN_BYTES) {
    throw new InputError(
      `stress.memory: ${formatBytes(bytes)} is more than the ${formatBytes(availableBytes)} available now less ${formatBytes(MACHINE_MARGIN_BYTES)} for the harness; lower it, or set stress.limit to confine the runs to a memory cgroup`,
    );
  }
}

function hasSetpriv(): boolean {
  try {
    accessSync(SETPRIV, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the ready line's "protected" flag, or rejects with why the helper ended first. */
function awaitReady(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((text) => text.startsWith(READY_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(line.endsWith(' protected'));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${signal ? `killed by ${signal}` : `exit code ${code}`}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`,
        ),
      );
    });
  });
}

function readProcessRssBytes(pid: number): number {
  try {
    return readKilobytes(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS') ?? 0;
  } catch {
    return 0;
  }
}

/** Starts the helper and waits until its memory is resident; InputError when it cannot be held. */
export async function startMemoryStress(settings: StressSettings): Promise<MemoryStress> {
  const bytes = resolveStressBytes(settings, os.totalmem());
  checkAmount(settings, bytes, readAvailableBytes());
  let cgroup: MemoryCgroup | null = null;
  if (settings.limitBytes !== null) {
    try {
      cgroup = createMemoryCgroup(settings.limitBytes);
    } catch (error) {
      throw new InputError(
        `stress.limit: cannot confine the runs to a memory cgroup here (${(error as Error).message}); drop stress.limit to hold memory machine-wide`,
      );
    }
  }
  const argv = [process.execPath, HOG_ENTRY, String(bytes), String(process.pid)];
  // pdeathsig: the kernel kills the helper the moment the harness dies, even by kill -9.
  const [file, ...args] = hasSetpriv() ? [SETPRIV, '--pdeathsig', 'KILL', ...argv] : argv;
  const child = spawn(file!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stopHelper = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await cgroup?.remove();
  };
  let oomProtected: boolean;
  try {
    if (cgroup && child.pid !== undefined) cgroup.join(child.pid);
    oomProtected = await awaitReady(child, 10_000 + Math.ceil(bytes / 2 ** 30) * 2000);
  } catch (error) {
    await stopHelper();
    throw new InputError(`stress.memory: the helper could not hold ${formatBytes(bytes)}: ${(error as Error).message}`);
  }
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    state: {
      heldBytes: bytes,
      oomProtected,
      cgroup: cgroup ? { path: cgroup.path, version: cgroup.version, limitBytes: cgroup.limitBytes } : null,
    },
    adopt: (pid) => {
      try {
        writeFileSync(`/proc/${pid}/oom_score_adj`, '1000');
        cgroup?.join(pid);
      } catch {
        // The run already exited: nothing left to confine.
      }
    },
    pid: child.pid ?? 0,
    readOomKills: () => cgroup?.readOomKills() ?? null,
    readHeldBytes: () => (child.pid === undefined ? 0 : readProcessRssBytes(child.pid)),
    stop: stopHelper,
  };
}

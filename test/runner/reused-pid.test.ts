// A run's pid is never signalled once the run is reaped: on a busy machine (pid_max 32768 here, and
// every thread takes a pid) the kernel can hand it to a stranger at once. This once killed a test's
// DuckDB lock holder in CI. The reuse is forced for real: as root, writing /proc/sys/kernel/
// ns_last_pid makes the next process take the freed pid. The stranger is planted in the two windows
// that matter: between the reap and the orphan sweep, and before a timeout's SIGKILL grace elapses.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Timeline } from '../../src/monitor/types.js';
import { spawnRun } from '../../src/runner/spawn-run.js';
import { isAlive } from '../helpers/process-alive.js';

const NS_LAST_PID = '/proc/sys/kernel/ns_last_pid';

/** Whether this process may choose the next pid (root in its pid namespace, on Linux); probed by writing back what is there. */
function canChooseNextPid(): boolean {
  try {
    writeFileSync(NS_LAST_PID, readFileSync(NS_LAST_PID, 'utf8').trim());
    return true;
  } catch {
    return false;
  }
}
const forced = process.platform === 'linux' && canChooseNextPid();
if (!forced)
  console.warn(`the reused-pid tests are skipped: ${NS_LAST_PID} is not writable here (needs root on Linux)`);

const strangers: ChildProcess[] = [];
afterEach(() => {
  for (const stranger of strangers.splice(0)) stranger.kill('SIGKILL');
});
afterAll(() => {
  delete process.env.THREADGATE_PLATFORM_PATHS;
});

/**
 * Starts a detached process (a group leader, as another run's root would be) on `pid`; another
 * process forking at the same moment can take it first, so it tries a few times. Null if it never got it.
 * The pid counter is put back afterwards, so that tests running beside this one do not see freed
 * pids of theirs handed out again sooner than usual.
 */
async function plantStranger(pid: number): Promise<ChildProcess | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const last = Number(readFileSync(NS_LAST_PID, 'utf8'));
    writeFileSync(NS_LAST_PID, String(pid - 1));
    const stranger = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore', detached: true });
    writeFileSync(NS_LAST_PID, String(last));
    strangers.push(stranger);
    if (stranger.pid === pid) return stranger;
    stranger.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

const EMPTY_TIMELINE: Timeline = {
  intervalMs: 100,
  samples: [],
  summary: { peakRssBytes: 0, meanCores: 0, peakCores: 0, cpuMs: 0 },
};

describe.runIf(forced).each(['linux-proc', 'portable'])('spawnRun with a reused pid (%s paths)', (paths) => {
  beforeEach(() => {
    if (paths === 'portable') process.env.THREADGATE_PLATFORM_PATHS = 'portable';
    else delete process.env.THREADGATE_PLATFORM_PATHS;
  });

  it('sweeps orphans by identity, leaving a stranger on the freed pid alone', async () => {
    let rootPid = 0;
    let stranger: ChildProcess | null = null;
    const outcome = await spawnRun(
      { file: process.execPath, args: ['-e', 'setTimeout(() => {}, 300)'], cwd: process.cwd(), env: {} },
      {
        timeoutMs: 20_000,
        // The sampler stops after the root is reaped and before the orphan sweep: the window.
        startSampler: (pid) => {
          rootPid = pid;
          return {
            stop: async () => {
              stranger = await plantStranger(pid);
              return EMPTY_TIMELINE;
            },
          };
        },
      },
    );
    expect(outcome.status, outcome.error ?? '').toBe('ok');
    const planted = stranger as ChildProcess | null;
    expect(planted?.pid, `a stranger planted on the freed pid ${rootPid}`).toBe(rootPid);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isAlive(rootPid), 'the stranger on the run’s old pid survives the sweep').toBe(true);
  }, 60_000);

  it('does not fire a timeout’s SIGKILL grace at a root that already exited on SIGTERM', async () => {
    let rootPid = 0;
    const outcome = await spawnRun(
      {
        file: process.execPath,
        args: ['-e', "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1e6)"],
        cwd: process.cwd(),
        env: {},
      },
      {
        timeoutMs: 1000,
        killGraceMs: 1500,
        startSampler: (pid) => {
          rootPid = pid;
          return { stop: async () => EMPTY_TIMELINE };
        },
      },
    );
    expect(outcome.status).toBe('timeout');
    const stranger = await plantStranger(rootPid);
    expect(stranger?.pid, `a stranger planted on the freed pid ${rootPid}`).toBe(rootPid);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(isAlive(rootPid), 'the stranger outlives the grace period').toBe(true);
  }, 60_000);
});

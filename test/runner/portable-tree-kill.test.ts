// The tree dies on the portable paths too (THREADGATE_PLATFORM_PATHS=portable: what macOS does —
// no /proc for the runner, no setpriv — process groups and `ps` instead), with real processes: a
// timeout, an abort (Ctrl-C), an orphan left by a root that exited, a harness killed with kill -9
// (the watchdog alone ends the tree), a harness whose watchdog was killed too (--resume ends the
// leftovers and says so), and a second harness on a held folder (refused by the portable identity).
// Whether a process is alive is checked from /proc here: an observer independent of the code under test.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSetpriv } from '../../src/runner/death-signal.js';
import { isRunning } from '../../src/runner/process-identity.js';
import { spawnRun } from '../../src/runner/spawn-run.js';
import { selectTreeKiller } from '../../src/runner/select-tree-killer.js';
import { CLI, makeTempDir, runCli } from '../helpers/run-cli.js';
import { readRunPids, waitFor, writeSlowMatrix } from '../helpers/slow-matrix.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runner-tree.mjs', import.meta.url));
const PORTABLE = { THREADGATE_PLATFORM_PATHS: 'portable' };

beforeAll(() => {
  process.env.THREADGATE_PLATFORM_PATHS = 'portable';
});
afterAll(() => {
  delete process.env.THREADGATE_PLATFORM_PATHS;
});

async function waitForPidFile(file: string): Promise<number> {
  const ok = await waitFor(async () => (await readFile(file, 'utf8').catch(() => '')) !== '', 20_000);
  expect(ok, `pid written to ${file}`).toBe(true);
  return Number(await readFile(file, 'utf8'));
}

const pidFileIn = async (): Promise<string> =>
  path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-portable-kill-')), 'pid');
const launch = (mode: string, pidFile: string) => ({
  file: process.execPath,
  args: [FIXTURE, mode, pidFile],
  cwd: process.cwd(),
  env: {},
});

describe('spawnRun on the portable paths', () => {
  it('takes the POSIX tree killer and no setpriv', () => {
    expect(selectTreeKiller().paths, 'tree killer').toBe('posix');
    expect(findSetpriv(), 'setpriv').toBeNull();
  });

  it('kills the whole tree on timeout', async () => {
    const pidFile = await pidFileIn();
    const outcome = await spawnRun(launch('hang', pidFile), { timeoutMs: 2000, killGraceMs: 300 });
    const grandchild = await waitForPidFile(pidFile);
    expect(outcome.status, 'status').toBe('timeout');
    expect(await waitFor(() => !isRunning(grandchild), 5000), 'grandchild killed').toBe(true);
  }, 60_000);

  it('kills the whole tree at once when aborted (Ctrl-C)', async () => {
    const pidFile = await pidFileIn();
    const controller = new AbortController();
    const running = spawnRun(launch('hang', pidFile), { timeoutMs: 60_000, signal: controller.signal });
    const grandchild = await waitForPidFile(pidFile);
    controller.abort();
    const outcome = await running;
    expect(outcome.signal, 'root killed').toBe('SIGKILL');
    expect(await waitFor(() => !isRunning(grandchild), 5000), 'grandchild killed').toBe(true);
  }, 60_000);

  it('ends a descendant left running after the root exited', async () => {
    const pidFile = await pidFileIn();
    const outcome = await spawnRun(launch('orphan', pidFile), { timeoutMs: 30_000 });
    const grandchild = await waitForPidFile(pidFile);
    expect(outcome.status, 'status').toBe('ok');
    expect(await waitFor(() => !isRunning(grandchild), 5000), 'orphan killed').toBe(true);
  }, 60_000);
});

/** A harness running the slow matrix on the portable paths, and the pids file its runs write. */
async function startHarness() {
  const dir = await makeTempDir('tg-portable-harness-');
  const pidsFile = path.join(dir, 'pids');
  const matrix = await writeSlowMatrix(dir, pidsFile);
  const out = path.join(dir, 'out');
  const harness = execa(process.execPath, [CLI, 'run', matrix, '--out', out, '--no-baseline', '--quiet', '--json'], {
    reject: false,
    stdin: 'ignore',
    env: PORTABLE,
  });
  const holdFile = (pid: number) => path.join(dir, 'hold', String(pid));
  return { harness, out, pidsFile, holdFile };
}

async function waitForRun(pidsFile: string, count: number): Promise<[number, number]> {
  expect(await waitFor(async () => (await readRunPids(pidsFile)).length >= count, 90_000), `run ${count} started`).toBe(
    true,
  );
  return (await readRunPids(pidsFile))[count - 1]!;
}

const runDirectoryOf = async (out: string): Promise<string> => path.join(out, (await readdir(out))[0]!);

/** The harness's watchdog: a child of the harness running watchdog-main.js (found through /proc by the test). */
async function findWatchdog(harnessPid: number): Promise<number | undefined> {
  const children = (await readFile(`/proc/${harnessPid}/task/${harnessPid}/children`, 'utf8'))
    .trim()
    .split(' ')
    .filter(Boolean)
    .map(Number);
  for (const pid of children) {
    if ((await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).includes('watchdog-main')) return pid;
  }
  return undefined;
}

describe('a harness on the portable paths', () => {
  it('kill -9: the watchdog alone ends the orchestrator and its child; --resume finishes the matrix', async () => {
    const started = await startHarness();
    const [child, grandchild] = await waitForRun(started.pidsFile, 2);
    started.harness.kill('SIGKILL');
    await started.harness;
    expect(await waitFor(() => !isRunning(child), 10_000), 'orchestrator gone').toBe(true);
    expect(await waitFor(() => !isRunning(grandchild), 10_000), 'its child gone').toBe(true);
    const resumed = await runCli(
      ['run', '--resume', await runDirectoryOf(started.out), '--no-baseline', '--quiet', '--json'],
      { env: PORTABLE },
    );
    expect(resumed.exitCode, `resume exit (stderr: ${resumed.stderr})`).toBe(0);
  }, 180_000);

  it('with the watchdog killed too, --resume kills the leftovers and names them', async () => {
    const started = await startHarness();
    const [child, grandchild] = await waitForRun(started.pidsFile, 2);
    await writeFile(started.holdFile(child), ''); // still running when --resume starts, as a long run would be
    const watchdog = await findWatchdog(started.harness.pid!);
    expect(watchdog, 'watchdog running').toBeDefined();
    process.kill(watchdog!, 'SIGKILL');
    started.harness.kill('SIGKILL');
    await started.harness;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(isRunning(child) && isRunning(grandchild), 'left running (no setpriv, no watchdog)').toBe(true);
    const resumed = await runCli(
      ['run', '--resume', await runDirectoryOf(started.out), '--no-baseline', '--quiet', '--json'],
      { env: PORTABLE },
    );
    expect(resumed.exitCode, `resume exit (stderr: ${resumed.stderr})`).toBe(0);
    expect(resumed.stderr, 'says what it stopped').toContain(
      `threadgate: stopped 2 process(es) left running by a killed harness (pid ${started.harness.pid}): ${[child, grandchild].sort((a, b) => a - b).join(', ')}`,
    );
    expect(isRunning(child) || isRunning(grandchild), 'leftovers gone').toBe(false);
  }, 180_000);

  it('refuses a second harness on a held folder; SIGTERM stops the first and its orchestrator', async () => {
    const started = await startHarness();
    await waitForRun(started.pidsFile, 1);
    const runDir = await runDirectoryOf(started.out);
    const second = await runCli(['run', '--resume', runDir, '--no-baseline', '--quiet'], { env: PORTABLE });
    expect(second.exitCode, 'second harness exit').toBe(2);
    expect(second.stderr, 'names the owner').toContain(`in use by threadgate pid ${started.harness.pid} since`);
    const [child] = (await readRunPids(started.pidsFile)).at(-1)!;
    started.harness.kill('SIGTERM');
    expect((await started.harness).exitCode, 'interrupted exit').toBe(130);
    expect(await waitFor(() => !isRunning(child), 5000), 'its orchestrator killed').toBe(true);
  }, 180_000);
});

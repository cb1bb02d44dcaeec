// The tree killer this platform selects, with no switch: /proc on Linux, process groups on macOS,
// taskkill on Windows (CI runs this file on all three: .github/workflows/platforms.yml). A run that
// times out and a root that exits leaving a child both leave nothing running.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlatformPaths } from '../../src/platform/platform-paths.js';
import { spawnRun } from '../../src/runner/spawn-run.js';
import { selectTreeKiller } from '../../src/runner/select-tree-killer.js';
import { waitFor } from '../helpers/slow-matrix.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runner-tree.mjs', import.meta.url));
const launch = (mode: string, pidFile: string) => ({
  file: process.execPath,
  args: [FIXTURE, mode, pidFile],
  cwd: process.cwd(),
  env: {},
});

async function readGrandchild(pidFile: string): Promise<number> {
  expect(
    await waitFor(async () => (await readFile(pidFile, 'utf8').catch(() => '')) !== '', 20_000),
    'grandchild pid written',
  ).toBe(true);
  return Number(await readFile(pidFile, 'utf8'));
}

describe(`the native tree killer (${readPlatformPaths()})`, () => {
  const killer = selectTreeKiller();

  it('is the one this platform should use', () => {
    const expected = { linux: 'linux-proc', win32: 'windows' }[process.platform as string] ?? 'posix';
    expect(killer.paths, process.platform).toBe(expected);
  });

  it('kills the whole tree on timeout', async () => {
    const pidFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-native-kill-')), 'pid');
    const outcome = await spawnRun(launch('hang', pidFile), { timeoutMs: 2500, killGraceMs: 300 });
    const grandchild = await readGrandchild(pidFile);
    expect(outcome.status, 'status').toBe('timeout');
    expect(await waitFor(async () => !(await killer.isRunning(grandchild)), 10_000), 'grandchild killed').toBe(true);
  }, 60_000);

  it('ends a child left running after the root exited', async () => {
    const pidFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-native-kill-')), 'pid');
    const outcome = await spawnRun(launch('orphan', pidFile), { timeoutMs: 30_000 });
    const grandchild = await readGrandchild(pidFile);
    expect(outcome.status, 'status').toBe('ok');
    expect(await waitFor(async () => !(await killer.isRunning(grandchild)), 10_000), 'orphan killed').toBe(true);
  }, 60_000);
});

import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../helpers/process-alive.js';
import { spawnRun } from '../../src/runner/spawn-run.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runner-tree.mjs', import.meta.url));

async function waitForPidFile(file: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text) return Number(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no pid in ${file}`);
}

async function waitUntilDead(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('spawnRun', () => {
  it('kills the whole process tree on timeout and says so', async () => {
    const pidFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-spawn-')), 'pid');
    const outcome = await spawnRun(
      { file: process.execPath, args: [FIXTURE, 'hang', pidFile], cwd: process.cwd(), env: {} },
      { timeoutMs: 1500, killGraceMs: 200 },
    );
    const grandchild = await waitForPidFile(pidFile);
    expect(outcome.status, 'status').toBe('timeout');
    expect(outcome.error, 'error').toMatch(/timed out after 1500 ms/);
    expect(await waitUntilDead(grandchild), 'grandchild killed').toBe(true);
  });

  it('ends a descendant left running after the root exited', async () => {
    const pidFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'tg-spawn-')), 'pid');
    const outcome = await spawnRun(
      { file: process.execPath, args: [FIXTURE, 'orphan', pidFile], cwd: process.cwd(), env: {} },
      { timeoutMs: 20_000 },
    );
    const grandchild = await waitForPidFile(pidFile);
    expect(outcome.status, 'status').toBe('ok');
    expect(await waitUntilDead(grandchild), 'orphan killed').toBe(true);
  });

  it('records a failure as data: exit code and both output tails', async () => {
    const outcome = await spawnRun(
      { file: process.execPath, args: [FIXTURE, 'fail', '/dev/null'], cwd: process.cwd(), env: {} },
      { timeoutMs: 20_000 },
    );
    expect(outcome.status, 'status').toBe('failed');
    expect(outcome.exitCode, 'exit code').toBe(3);
    expect(outcome.stdoutTail, 'stdout tail').toBe('working...\n');
    expect(outcome.stderrTail, 'stderr tail').toBe('boom: the model failed\n');
    expect(outcome.error, 'error').toBe('exit code 3');
  });

  it('reports a command that cannot start instead of throwing', async () => {
    const outcome = await spawnRun(
      { file: '/nonexistent/orchestrator', args: [], cwd: process.cwd(), env: {} },
      { timeoutMs: 5000 },
    );
    expect(outcome.status, 'status').toBe('failed');
    // execa's own error, or setpriv's when it wraps the launch (see death-signal.ts).
    expect(outcome.error, 'error').toMatch(
      /could not start: (no such file or directory|failed to execute \/nonexistent\/orchestrator: No such file or directory)/,
    );
  });

  it('passes additions and removals of environment variables', async () => {
    process.env['TG_TEST_REMOVED'] = 'present';
    const outcome = await spawnRun(
      {
        file: process.execPath,
        args: [
          '-e',
          'process.stdout.write(JSON.stringify([process.env.TG_TEST_ADDED, process.env.TG_TEST_REMOVED ?? null]))',
        ],
        cwd: process.cwd(),
        env: { TG_TEST_ADDED: 'yes', TG_TEST_REMOVED: null },
      },
      { timeoutMs: 10_000 },
    );
    delete process.env['TG_TEST_REMOVED'];
    expect(JSON.parse(outcome.stdoutTail), 'child environment').toEqual(['yes', null]);
  });
});

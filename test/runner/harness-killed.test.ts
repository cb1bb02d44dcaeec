// The harness killed mid-run, with real processes: `kill -9` of `threadgate run` takes its
// orchestrator and the orchestrator's own child with it; where nothing did (no setpriv, watchdog
// killed too), `--resume` kills the leftovers before it starts anything; either way the resumed
// run loses no finished run and repeats none. A second harness on a held run folder is refused.
import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/runner/run-directory.js';
import { isRunning } from '../../src/runner/process-identity.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { CLI, makeTempDir, runCli } from '../helpers/run-cli.js';
import { readRunPids, waitFor, writeSlowMatrix } from '../helpers/slow-matrix.js';

interface Started {
  readonly harness: ResultPromise;
  readonly out: string;
  readonly pidsFile: string;
  /** Keeps the orchestrator with this pid running past its sleep (until it is killed). */
  hold(pid: number): Promise<void>;
}

async function startHarness(env: Record<string, string> = {}): Promise<Started> {
  const dir = await makeTempDir('tg-killed-');
  const pidsFile = path.join(dir, 'pids');
  const matrix = await writeSlowMatrix(dir, pidsFile);
  const out = path.join(dir, 'out');
  const harness = execa(process.execPath, [CLI, 'run', matrix, '--out', out, '--no-baseline', '--quiet', '--json'], {
    reject: false,
    stdin: 'ignore',
    env,
  });
  const hold = (pid: number) => writeFile(path.join(dir, 'hold', String(pid)), '');
  return { harness, out, pidsFile, hold };
}

/** Waits until the harness runs its `count`-th orchestrator; returns that run's [child, grandchild] pids. */
async function waitForRun(started: Started, count: number): Promise<[number, number]> {
  const ok = await waitFor(async () => (await readRunPids(started.pidsFile)).length >= count, 90_000);
  expect(ok, `run ${count} started`).toBe(true);
  return (await readRunPids(started.pidsFile))[count - 1]!;
}

async function runDirectoryOf(out: string): Promise<string> {
  const [name] = await readdir(out);
  return path.join(out, name!);
}

async function readJournalIds(runDir: string): Promise<string[]> {
  const text = await readFile(path.join(runDir, 'journal.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as RunRecord).id);
}

async function plannedIds(runDir: string): Promise<string[]> {
  return (JSON.parse(await readFile(path.join(runDir, 'plan.json'), 'utf8')) as PlanFile).plan.runs.map(
    (run) => run.id,
  );
}

/** The harness's watchdog process, found among its children by its command line. */
function findWatchdog(harnessPid: number): number | undefined {
  const children = readFileSync(`/proc/${harnessPid}/task/${harnessPid}/children`, 'utf8')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map(Number);
  return children.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('watchdog-main');
    } catch {
      return false;
    }
  });
}

async function expectCompleteResume(runDir: string, interruptedId: string): Promise<string> {
  const resumed = await runCli(['run', '--resume', runDir, '--no-baseline', '--quiet', '--json']);
  expect(resumed.exitCode, `resume exit (stderr: ${resumed.stderr})`).toBe(0);
  const ids = await readJournalIds(runDir);
  const planned = await plannedIds(runDir);
  expect([...ids].sort(), 'every planned run journaled exactly once').toEqual([...planned].sort());
  expect(ids, 'the interrupted run ran again').toContain(interruptedId);
  expect((await readdir(runDir)).includes('run.lock'), 'lock removed at the end').toBe(false);
  return resumed.stderr;
}

describe('the harness killed mid-run', () => {
  it('kill -9: the orchestrator and its child die with the harness; --resume finishes without repeating a run', async () => {
    const started = await startHarness();
    const [child, grandchild] = await waitForRun(started, 2);
    const runDir = await runDirectoryOf(started.out);
    const finishedBefore = await readJournalIds(runDir);
    started.harness.kill('SIGKILL');
    await started.harness;

    // setpriv's death signal ends the orchestrator; the watchdog ends the orchestrator's child.
    expect(await waitFor(() => !isRunning(child), 2000), 'orchestrator gone').toBe(true);
    expect(await waitFor(() => !isRunning(grandchild), 2000), 'its child gone').toBe(true);
    const interrupted = (await plannedIds(runDir)).find((id) => !finishedBefore.includes(id))!;
    await expectCompleteResume(runDir, interrupted);
    expect(
      (await readJournalIds(runDir)).slice(0, finishedBefore.length),
      'finished runs kept first, as they were',
    ).toEqual(finishedBefore);
  });

  it('without setpriv and with the watchdog killed too, --resume kills the leftovers before it starts', async () => {
    const started = await startHarness({ THREADGATE_NO_SETPRIV: '1' });
    const [child, grandchild] = await waitForRun(started, 2);
    await started.hold(child); // still running when --resume starts, as a long run would be
    const runDir = await runDirectoryOf(started.out);
    const finishedBefore = await readJournalIds(runDir);
    const watchdog = findWatchdog(started.harness.pid!);
    expect(watchdog, 'watchdog running').toBeDefined();
    process.kill(watchdog!, 'SIGKILL');
    started.harness.kill('SIGKILL');
    await started.harness;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(isRunning(child) && isRunning(grandchild), 'left running by the killed harness').toBe(true);

    const interrupted = (await plannedIds(runDir)).find((id) => !finishedBefore.includes(id))!;
    const stderr = await expectCompleteResume(runDir, interrupted);
    expect(stderr, 'says what it stopped').toContain(
      `threadgate: stopped 2 process(es) left running by a killed harness (pid ${started.harness.pid}): ${[child, grandchild].sort((a, b) => a - b).join(', ')}`,
    );
    expect(isRunning(child) || isRunning(grandchild), 'leftovers gone').toBe(false);
  });

  it('refuses a second harness on a held run folder; SIGTERM stops the first cleanly and frees the folder', async () => {
    const started = await startHarness();
    await waitForRun(started, 1);
    const runDir = await runDirectoryOf(started.out);

    const second = await runCli(['run', '--resume', runDir, '--no-baseline', '--quiet']);
    expect(second.exitCode, 'second harness exit').toBe(2);
    expect(second.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(second.stderr, 'names the folder and the owner').toMatch(
      new RegExp(
        `^threadgate: error: ${runDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: in use by threadgate pid ${started.harness.pid} since \\S+ \\(run\\.lock\\); wait for it to finish, or stop it first$`,
      ),
    );

    const [child] = (await readRunPids(started.pidsFile)).at(-1)!;
    started.harness.kill('SIGTERM');
    const first = await started.harness;
    expect(first.exitCode, 'interrupted exit').toBe(130);
    expect(isRunning(child), 'its orchestrator killed').toBe(false);
    expect((await readdir(runDir)).includes('run.lock'), 'lock released').toBe(false);
  });
});

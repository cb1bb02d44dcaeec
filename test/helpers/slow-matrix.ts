// A matrix for the slow stand-in orchestrator (test/fixtures/slow-orchestrator.mjs), whose runs
// last long enough to kill the harness in the middle of one, and a reader for the pids it records.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SLOW = fileURLToPath(new URL('../fixtures/slow-orchestrator.mjs', import.meta.url));

/**
 * Writes `slow.yaml` into `dir`: threads 1,2 × sequential × 2 repetitions (4 runs of `sleepMs`
 * each). A run whose pid has a file in `dir/hold/` keeps running until the file is gone.
 */
export async function writeSlowMatrix(dir: string, pidsFile: string, sleepMs = 1500): Promise<string> {
  const file = path.join(dir, 'slow.yaml');
  await mkdir(path.join(dir, 'hold'), { recursive: true });
  const command = [
    process.execPath,
    SLOW,
    '--database',
    '{database}',
    '--sleep-ms',
    String(sleepMs),
    '--pids',
    pidsFile,
    '--hold-dir',
    path.join(dir, 'hold'),
  ];
  await writeFile(
    file,
    [
      'name: slow',
      'target:',
      '  kind: command',
      `  command: ${JSON.stringify(command)}`,
      'threads: [1, 2]',
      'modes: [sequential]',
      'repetitions: 2',
      'warmup: 0',
      'tables: { t: {} }',
    ].join('\n'),
  );
  return file;
}

/** The [orchestrator, grandchild] pids of each run started so far, in order. */
export async function readRunPids(pidsFile: string): Promise<[number, number][]> {
  const text = await readFile(pidsFile, 'utf8').catch(() => '');
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').map(Number) as [number, number]);
}

/** Polls `condition` every 50 ms until it holds; false when `timeoutMs` passed first. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

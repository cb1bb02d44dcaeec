// Off Linux (here: THREADGATE_PLATFORM_PATHS=portable) memory stress is refused before anything
// runs, with one line and exit 2 naming the matrix file and the key; without stress the same matrix
// runs, its progress says once what is not measured there, and its timelines come from the
// portable sampler. The OOM judge is silent there: a run killed by SIGKILL reads as failed.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli, runMatrixLines, FAULTY, commandTargetLines } from '../helpers/run-cli.js';

const PORTABLE = { THREADGATE_PLATFORM_PATHS: 'portable' };
const lines = (extra: readonly string[]) => [
  ...commandTargetLines(FAULTY, ['--fault', 'none']),
  'threads: [1]',
  'modes: [sequential]',
  'repetitions: 1',
  'warmup: 0',
  ...extra,
];

describe('memory stress off Linux', () => {
  it('is refused with one line and exit 2, before a run directory exists', async () => {
    const dir = await makeTempDir('tg-stress-off-linux-');
    const out = path.join(dir, 'out');
    const result = await runMatrixLines(dir, 'stressed', lines(['stress: { memory: 64MB }']), { out, env: PORTABLE });
    expect(result.exitCode, `exit (stderr: ${result.stderr})`).toBe(2);
    expect(result.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(result.stderr, 'names the file, the key and the platform').toMatch(
      /^threadgate: error: .*stressed\.yaml: stress: memory stress needs Linux \(a memory cgroup, \/proc, the kernel's OOM log\); this is Linux with THREADGATE_PLATFORM_PATHS=portable: remove stress \(or --stress-memory\) to run here/,
    );
    expect(await readdir(out).catch(() => []), 'nothing written').toEqual([]);
  }, 60_000);

  it('is refused by --dry-run the same way', async () => {
    const dir = await makeTempDir('tg-stress-dry-');
    const matrix = path.join(dir, 'stressed.yaml');
    await writeFile(matrix, ['name: stressed', ...lines(['stress: { memory: 64MB }'])].join('\n'));
    const result = await runCli(['run', matrix, '--dry-run'], { env: PORTABLE });
    expect(result.exitCode, `exit (stderr: ${result.stderr})`).toBe(2);
    expect(result.stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(result.stderr, 'names the key').toContain('stressed.yaml: stress: memory stress needs Linux');
  }, 60_000);

  it('without stress the matrix runs, says what is not measured, and samples portably', async () => {
    const dir = await makeTempDir('tg-portable-run-');
    const result = await runMatrixLines(dir, 'plain', lines([]), { env: PORTABLE, progress: true });
    expect(result.exitCode, `exit (stderr: ${result.stderr})`).toBe(0);
    const notes = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('threadgate: note: on Linux with THREADGATE_PLATFORM_PATHS=portable'));
    expect(notes, 'one note').toHaveLength(1);
    expect(notes[0], 'what is not measured').toContain('not measured: PSS, steal time');
    expect(notes[0], 'no OOM judge').toContain('no OOM judge');
    const [run] = await readdir(path.join(result.runDir, 'runs'));
    const timeline = JSON.parse(await readFile(path.join(result.runDir, 'runs', run!, 'timeline.json'), 'utf8')) as {
      sampler: string;
      samples: unknown[];
    };
    expect(timeline.sampler, 'sampler').toBe('portable');
    expect(timeline.samples.length, 'samples taken').toBeGreaterThan(0);
  }, 60_000);
});

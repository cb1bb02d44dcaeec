// The package as users install it: `npm pack` (only what package.json's `files` names), installed into
// an empty folder from the tarball (its dependencies from the npm registry), then `npx threadgate` there:
// the dry run of the shipped default matrix, and a two-run matrix end to end. Slow (an npm install):
// not a unit test. dist/ must be built (npm test's pretest does it); the tarball ships it, so the
// consumer's install runs no build (`prepare` runs only when installing from a folder or git).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/run-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let consumer: string;
let packed: readonly string[];

beforeAll(async () => {
  const work = await makeTempDir('tg-package-');
  // --ignore-scripts: dist/ is already built; prepare would only build it again.
  const pack = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  const [manifest] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
  packed = manifest.files.map((file) => file.path);
  consumer = path.join(work, 'consumer');
  await mkdir(consumer);
  await writeFile(path.join(consumer, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true })}\n`);
  await execa('npm', ['install', path.join(work, manifest.filename), '--no-audit', '--no-fund'], { cwd: consumer });
}, 900_000);

function threadgate(args: readonly string[]) {
  return execa('npx', ['--no-install', 'threadgate', ...args], { cwd: consumer, reject: false, stdin: 'ignore' });
}

describe('the installed package', () => {
  it('ships what the runtime reads, and no sources, tests or scripts', () => {
    for (const file of [
      'dist/cli.js',
      'dist/runner/watchdog-main.js',
      'dist/digest/digest-worker.js',
      'matrices/quick.yaml',
      'matrices/matrix.schema.json',
      'baselines/quick.json',
      'README.md',
      'package.json',
    ]) {
      expect(packed, file).toContain(file);
    }
    const tops = new Set(packed.map((file) => file.split('/')[0]));
    for (const folder of ['src', 'test', 'scripts', 'reports']) expect(tops.has(folder), folder).toBe(false);
    expect(
      packed.filter((file) => file.startsWith('dist/bench/') || file.endsWith('.map')),
      'no benches or source maps',
    ).toEqual([]);
  });

  it('plans the shipped default matrix with `npx threadgate run --dry-run`', async () => {
    const dryRun = await threadgate(['run', '--dry-run']);
    expect(dryRun.exitCode, dryRun.stderr).toBe(0);
    expect(dryRun.stdout, 'the default matrix, from the package').toMatch(/quick/);
    expect(dryRun.stdout).toMatch(/18 runs/);
  }, 120_000);

  it('runs a two-run matrix and leaves its run directory', async () => {
    await writeFile(
      path.join(consumer, 'two.yaml'),
      [
        'name: two',
        'target: { kind: builtin, employees: 200, years: 2025-2026, seed: 42 }',
        'threads: [1, 2]',
        'modes: [sequential]',
        'repetitions: 1',
        'warmup: 0',
      ].join('\n'),
    );
    const run = await threadgate(['run', 'two.yaml', '--quiet', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const { runDir, gate } = JSON.parse(run.stdout) as { runDir: string; gate: { verdict: string } };
    expect(gate.verdict, 'gate').toBe('pass');
    expect(path.dirname(runDir), 'under ./reports of the consumer').toBe(path.join(consumer, 'reports'));
    const files = await readdir(runDir);
    for (const file of ['plan.json', 'journal.jsonl', 'report.json', 'report.md', 'report.html'])
      expect(files, file).toContain(file);
    const journal = (await readFile(path.join(runDir, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; status: string });
    expect(
      journal.map((record) => `${record.id} ${record.status}`),
      'both runs, ok',
    ).toEqual(['t1-sequential-r1 ok', 't2-sequential-r1 ok']);
  }, 600_000);
});

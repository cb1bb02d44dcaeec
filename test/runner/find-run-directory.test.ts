// The folder given to `run --out` is the folder you can use: report, gate, recommend, merge and
// run --resume accept it when it holds one run folder (and say so), and name the run folders, newest
// first, when it holds several. Real CLI, real runs of the faulty stand-in orchestrator.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';

let dir: string;
let matrix: string;
let out: string;
let runDir: string;

async function runInto(folder: string, flags: readonly string[] = []): Promise<string> {
  const result = await runCli([
    'run',
    matrix,
    '--out',
    folder,
    '--reps',
    '1',
    '--no-baseline',
    '--json',
    '--quiet',
    ...flags,
  ]);
  expect(result.exitCode, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { runDir: string }).runDir;
}

beforeAll(async () => {
  dir = await makeTempDir('tg-find-run-');
  matrix = await writeFaultyMatrix(dir, 'none');
  out = path.join(dir, 'out');
  runDir = await runInto(out);
});

describe('a folder holding one run folder', () => {
  it('report, gate and recommend use it and say so', async () => {
    const said = `threadgate: ${out} holds one run folder: using ${runDir}`;
    for (const args of [
      ['report', out],
      ['gate', out, '--no-baseline'],
      ['recommend', out],
    ]) {
      const result = await runCli(args);
      expect(result.exitCode, `${args[0]}: ${result.stderr}`).toBe(0);
      expect(result.stderr.split('\n')[0], `${args[0]} says which`).toBe(said);
    }
  });

  it('run --resume uses it', async () => {
    const result = await runCli(['run', '--resume', out, '--no-baseline', '--json', '--quiet']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr, 'says which').toContain(`holds one run folder: using ${runDir}`);
    expect((JSON.parse(result.stdout) as { runDir: string }).runDir, 'the run folder').toBe(runDir);
  });

  it('merge accepts the --out folder of each shard', async () => {
    const shards = [path.join(dir, 'shard1'), path.join(dir, 'shard2')];
    await runInto(shards[0]!, ['--shard', '1/2']);
    await runInto(shards[1]!, ['--shard', '2/2']);
    const result = await runCli(['merge', ...shards, '--out', path.join(dir, 'merged')]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr.match(/holds one run folder: using /g), 'one note per shard').toHaveLength(2);
  });
});

describe('a folder holding several run folders', () => {
  it('is exit 2 with one line naming them, newest first', async () => {
    const several = path.join(dir, 'several');
    const older = await runInto(several);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // run folders are stamped to the second
    const newer = await runInto(several);
    for (const args of [
      ['gate', several],
      ['report', several],
      ['run', '--resume', several],
    ]) {
      const result = await runCli(args);
      expect(result.exitCode, `${args[0]} exit`).toBe(2);
      expect(result.stderr.trim(), `${args[0]} one line`).toBe(
        `threadgate: error: ${several}: holds 2 run folders; name one (newest first): ${path.basename(newer)}, ${path.basename(older)}`,
      );
    }
  });
});

// The run directory's life: resume after an interruption, shards merged into one run, reports
// rebuilt from the journal, and bad input refused with one line and exit 2 before anything runs.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';

let dir: string;
let matrix: string;
beforeAll(async () => {
  dir = await makeTempDir('tg-lifecycle-');
  matrix = await writeFaultyMatrix(dir, 'none');
});

async function readRecords(runDir: string): Promise<RunRecord[]> {
  const text = await readFile(path.join(runDir, 'journal.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunRecord);
}

async function runJson(args: string[]): Promise<{ exitCode: number; runDir: string; stderr: string }> {
  const result = await runCli([...args, '--json', '--quiet', '--no-baseline']);
  const summary = JSON.parse(result.stdout) as { runDir: string };
  return { exitCode: result.exitCode, runDir: summary.runDir, stderr: result.stderr };
}

describe('run directory lifecycle', () => {
  it('resumes an interrupted run without repeating or losing a finished run', async () => {
    const first = await runJson(['run', matrix, '--out', path.join(dir, 'resume')]);
    expect(first.exitCode, 'first run').toBe(0);
    const all = await readRecords(first.runDir);
    // Simulate a crash after three runs: keep their lines, and half of the fourth.
    const kept = all.slice(0, 3);
    await writeFile(
      path.join(first.runDir, 'journal.jsonl'),
      `${kept.map((r) => JSON.stringify(r)).join('\n')}\n{"id":"t2-agg`,
    );
    await rm(path.join(first.runDir, 'report.json'));

    const resumed = await runJson(['run', '--resume', first.runDir]);
    expect(resumed.exitCode, 'resumed run').toBe(0);
    expect(resumed.runDir, 'same directory').toBe(first.runDir);
    const records = await readRecords(first.runDir);
    expect(records.length, 'every planned run journaled once').toBe(all.length);
    expect(new Set(records.map((r) => r.id)).size, 'no run repeated').toBe(all.length);
    expect(
      records.slice(0, 3).map((r) => r.startedAt),
      'finished runs kept as they were',
    ).toEqual(kept.map((r) => r.startedAt));
    expect(existsSync(path.join(first.runDir, 'report.json')), 'reports rewritten').toBe(true);
  });

  it('refuses overrides with --resume', async () => {
    const result = await runCli(['run', '--resume', path.join(dir, 'nowhere'), '--threads', '4']);
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr.trim(), 'one line').toBe(
      'threadgate: error: --resume finishes a run with the plan it was started with; drop --threads',
    );
  });

  it('merges two shards into one run with every configuration', async () => {
    const shard1 = await runJson(['run', matrix, '--shard', '1/2', '--out', path.join(dir, 'shards')]);
    const shard2 = await runJson(['run', matrix, '--shard', '2/2', '--out', path.join(dir, 'shards2')]);
    expect([shard1.exitCode, shard2.exitCode], 'shard exits').toEqual([0, 0]);
    const out = path.join(dir, 'merged');
    const merged = await runCli(['merge', shard1.runDir, shard2.runDir, '--out', out]);
    expect(merged.exitCode, 'merge exit').toBe(0);
    // Like run, merge creates the run directory inside --out and names it on its last line.
    const mergedDir = /merged 2 shards into (.+)$/.exec(merged.stdout.trim())?.[1] ?? '';
    expect(path.dirname(mergedDir), 'run directory inside --out').toBe(out);
    const report = JSON.parse(await readFile(path.join(mergedDir, 'report.json'), 'utf8')) as Report;
    const configurations = new Set(report.runs.map((r) => `t${r.threads}-${r.mode}`));
    expect([...configurations].sort(), 'configurations').toEqual([
      't1-aggressive',
      't1-sequential',
      't2-aggressive',
      't2-sequential',
    ]);
    expect(report.runs.length, 'runs (reference deduplicated)').toBe(8);
    expect(report.determinism.verdict, 'verdict').toBe('pass');
  });

  it('rebuilds every report from the journal', async () => {
    const run = await runJson(['run', matrix, '--reps', '1', '--out', path.join(dir, 'rebuild')]);
    for (const file of ['report.json', 'report.md', 'report.html', 'junit.xml', 'results.csv'])
      await rm(path.join(run.runDir, file));
    const result = await runCli(['report', run.runDir]);
    expect(result.exitCode, 'exit code').toBe(0);
    for (const file of ['report.json', 'report.md', 'report.html', 'junit.xml', 'results.csv']) {
      expect(existsSync(path.join(run.runDir, file)), file).toBe(true);
    }
  });
});

describe('bad input', () => {
  it('names a missing matrix file', async () => {
    const result = await runCli(['run', path.join(dir, 'missing.yaml')]);
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr.trim(), 'one line').toBe(
      `threadgate: error: cannot read matrix file ${path.join(dir, 'missing.yaml')}: no such file`,
    );
  });

  it('names the flag and the value of a bad thread count', async () => {
    const result = await runCli(['run', matrix, '--threads', '1,17']);
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr.split('\n')[0], 'first line').toBe(
      'threadgate: error: --threads: expected an integer between 1 and 16, got 17',
    );
  });

  it('names the flag and the value of a bad timeout', async () => {
    const result = await runCli(['run', matrix, '--timeout', 'soon']);
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr.trim(), 'one line').toBe(
      'threadgate: error: --timeout: expected a duration like "90s", "10m", "1h" or "1500ms", got "soon"',
    );
  });

  it('names file, key path and value in a bad matrix', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'target: { kind: builtin }\nthreads: [1, 2, 32]\nmodes: [sequential, turbo]\n');
    const result = await runCli(['run', file], { cwd: dir });
    expect(result.exitCode, 'exit code').toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0], 'first line').toBe(
      'threadgate: error: bad.yaml: threads[2]: expected an integer between 1 and 16, got 32',
    );
    expect(lines[1], 'second line').toMatch(/^bad\.yaml: modes\[1\]: expected one of .*got "turbo"$/);
  });

  it('refuses a run directory that is not one', async () => {
    const result = await runCli(['gate', dir]);
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr.trim(), 'one line').toBe(
      `threadgate: error: ${dir}: not a threadgate run directory (no plan.json)`,
    );
  });
});

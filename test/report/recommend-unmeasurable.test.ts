// Issue 19's fault end to end: a run whose findings call the thread-count difference unmeasurable
// (one sample each: 130.9 s at 1 thread, 101.1 s at 4, the real PlanAlign figures) must recommend
// the smallest thread count, and the terminal line, recommendation.json and `recommend --apply` agree.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Recommendation } from '../../src/analysis/types.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

const FAKE_CONFIG = fileURLToPath(
  new URL('../fixtures/fake-planalign/checkout/config/simulation_config.yaml', import.meta.url),
);
const WALL_MS: Readonly<Record<number, number>> = { 1: 130_900, 4: 101_100 };

let dir: string;
let runDir: string;

beforeAll(async () => {
  dir = await makeTempDir('tg-unmeasurable-');
  const run = await runMatrixLines(
    dir,
    'tiny-unmeasurable',
    [
      'target: { kind: builtin, employees: 200, years: 2025-2025, seed: 42 }',
      'threads: [1, 4]',
      'modes: [aggressive]',
      'reference: { threads: 1, mode: aggressive }',
      'repetitions: 1',
      'warmup: 0',
    ],
    { out: path.join(dir, 'out') },
  );
  expect(run.exitCode, `run exit: ${run.stderr}`).toBe(0);
  runDir = run.runDir;
  const summary = JSON.parse(run.stdout) as { recommendation: Recommendation };
  expect(
    summary.recommendation.thread_count,
    "the run's own summary: one sample each cannot justify more threads",
  ).toBe(1);
  // The real runs' outputs and digests, with the issue's timings: 4 threads 23% faster on one sample each.
  const journal = path.join(runDir, 'journal.jsonl');
  const records = (await readFile(journal, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunRecord);
  await writeFile(
    journal,
    `${records.map((record) => JSON.stringify({ ...record, wallMs: WALL_MS[record.threads] })).join('\n')}\n`,
  );
}, 300_000);

describe('a recommendation never rests on what the report calls unmeasurable', () => {
  it('report, recommendation.json, recommend and recommend --apply all keep 1 thread and say why', async () => {
    const report = await runCli(['report', runDir]);
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout, 'terminal line').toContain('Recommended: 1 thread(s), mode aggressive');
    const written = JSON.parse(await readFile(path.join(runDir, 'recommendation.json'), 'utf8')) as Recommendation;
    expect(written.best.threads, 'the fastest median is 4 threads').toBe(4);
    expect(written.thread_count, 'recommendation.json').toBe(1);
    expect(written.reasons.join('\n'), 'the reason').toMatch(
      /recommended t1-aggressive, the smallest thread count, not t4-aggressive: .*single timed sample/,
    );
    expect(written.reasons.join('\n'), 'beside the finding it honours').toContain(
      'thread count had no measurable effect',
    );
    const printed = await runCli(['recommend', runDir]);
    expect(printed.stdout, 'recommend').toMatch(/^recommended: 1 threads, mode aggressive/);
    const config = path.join(dir, 'simulation_config.yaml');
    await copyFile(FAKE_CONFIG, config);
    const applied = await runCli(['recommend', runDir, '--apply', config]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const threading = (
      YAML.parse(await readFile(config, 'utf8')) as { orchestrator: { threading: { thread_count: number } } }
    ).orchestrator.threading;
    expect(threading.thread_count, 'recommend --apply').toBe(1);
  });
});

// `recommend --apply` end to end: a real run's recommendation written into a config in PlanAlign's
// layout changes exactly the threading lines; PlanAlign's own shipped config too, when a checkout is
// given (THREADGATE_PLANALIGN_CHECKOUT; its file is the user's and is not copied into this repository).
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Recommendation } from '../../src/analysis/types.js';
import { makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

const FAKE_CONFIG = fileURLToPath(
  new URL('../fixtures/fake-planalign/checkout/config/simulation_config.yaml', import.meta.url),
);
const CHECKOUT = process.env['THREADGATE_PLANALIGN_CHECKOUT'];
if (CHECKOUT === undefined)
  console.warn(
    "recommend --apply on PlanAlign's shipped config is skipped: set THREADGATE_PLANALIGN_CHECKOUT to run it",
  );

let dir: string;
let runDir: string;
let recommendation: Recommendation;

beforeAll(async () => {
  dir = await makeTempDir('tg-apply-');
  const run = await runMatrixLines(
    dir,
    'tiny-apply',
    [
      'target: { kind: builtin, employees: 200, years: 2025-2025, seed: 42 }',
      'threads: [1, 2]',
      'modes: [aggressive]',
      'reference: { threads: 1, mode: aggressive }',
      'repetitions: 2',
      'warmup: 0',
    ],
    { out: path.join(dir, 'out') },
  );
  expect(run.exitCode, `run exit: ${run.stderr}`).toBe(0);
  runDir = run.runDir;
  recommendation = JSON.parse(await readFile(path.join(runDir, 'recommendation.json'), 'utf8')) as Recommendation;
}, 300_000);

/** Lines of `after` that differ from `before`, both with the same number of lines. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  expect(after.split('\n').length, 'no line added or removed').toBe(a.length);
  return after
    .split('\n')
    .filter((line, index) => line !== a[index])
    .map((line) => line.trim());
}

async function applyTo(config: string): Promise<{ exitCode: number; stderr: string; before: string; after: string }> {
  const before = await readFile(config, 'utf8');
  const result = await runCli(['recommend', runDir, '--apply', config]);
  return { exitCode: result.exitCode, stderr: result.stderr, before, after: await readFile(config, 'utf8') };
}

describe('recommend --apply', () => {
  it('writes the recommended threading into the config and changes no other line', async () => {
    const config = path.join(dir, 'simulation_config.yaml');
    await copyFile(FAKE_CONFIG, config);
    const { exitCode, stderr, before, after } = await applyTo(config);
    expect(exitCode, stderr).toBe(0);
    const { thread_count: threads, mode, max_threads: maxThreads } = recommendation;
    const expected = YAML.parse(before);
    Object.assign(expected.orchestrator.threading, { enabled: true, thread_count: threads, mode });
    expected.orchestrator.threading.resource_management.max_threads = maxThreads;
    expected.optimization.e068c_threading.dbt_threads = threads;
    expect(YAML.parse(after), 'the config with exactly those keys set').toEqual(expected);
    for (const line of changedLines(before, after)) {
      expect(['enabled', 'thread_count', 'mode', 'max_threads', 'dbt_threads'], `changed line ${line}`).toContain(
        line.split(':')[0],
      );
      expect(line, 'comment kept').toContain('  # ');
    }
    expect(stderr, 'reports each change').toContain('orchestrator.threading.enabled: false -> true');
    const again = await applyTo(config);
    expect(again.after, 'applying twice changes nothing more').toBe(after);
    expect(again.stderr).toContain('already set: nothing changed');
  });

  it('refuses a broken config with one line naming the file and the line, and leaves it untouched', async () => {
    const config = path.join(dir, 'broken.yaml');
    await writeFile(config, 'orchestrator:\n  threading: [unclosed\n');
    const { exitCode, stderr, before, after } = await applyTo(config);
    expect(exitCode, 'exit').toBe(2);
    expect(stderr.trim().split('\n'), 'one line').toHaveLength(1);
    expect(stderr).toMatch(/PlanAlign config .*broken\.yaml: line \d+/);
    expect(after, 'untouched').toBe(before);
    const missing = await runCli(['recommend', runDir, '--apply', path.join(dir, 'absent.yaml')]);
    expect(missing.exitCode, 'missing file').toBe(2);
    expect(missing.stderr, 'in words, no errno code').toContain(
      'absent.yaml: cannot be read (no such file or directory)',
    );
    expect(missing.stdout, 'nothing printed before the error').toBe('');
  });

  it.skipIf(CHECKOUT === undefined)(
    "changes only the threading lines of PlanAlign's shipped config (needs THREADGATE_PLANALIGN_CHECKOUT)",
    async () => {
      const config = path.join(dir, 'shipped_simulation_config.yaml');
      await copyFile(path.join(CHECKOUT!, 'config', 'simulation_config.yaml'), config);
      const { exitCode, stderr, before, after } = await applyTo(config);
      expect(exitCode, stderr).toBe(0);
      const keys = changedLines(before, after).map((line) => line.split(':')[0]);
      expect(new Set(keys).size, 'only threading keys').toBeLessThanOrEqual(5);
      for (const key of keys)
        expect(['enabled', 'thread_count', 'mode', 'max_threads', 'dbt_threads'], `changed key ${key}`).toContain(key);
    },
  );
});

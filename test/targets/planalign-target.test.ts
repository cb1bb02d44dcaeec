import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { PlanalignTargetSpec } from '../../src/matrix/types.js';
import { spawnRun } from '../../src/runner/spawn-run.js';
import { generatedCensusName } from '../../src/targets/planalign-census-provider.js';
import { createPlanalignTarget, OVERLAY_NAME } from '../../src/targets/planalign-target.js';
import type { RunContext } from '../../src/targets/types.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-planalign/', import.meta.url));

async function freshContext(): Promise<RunContext> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'tg-planalign-'));
  const workdir = path.join(folder, 'work');
  await mkdir(workdir);
  return {
    run: { id: 't2-aggressive-r1', threads: 2, mode: 'aggressive', rep: 1, warmup: false },
    runDir: folder,
    database: path.join(folder, 'simulation.duckdb'),
    workdir,
    seed: 11,
  };
}

const SPEC: PlanalignTargetSpec = {
  kind: 'planalign',
  checkout: path.join(FAKE, 'checkout'),
  census: { kind: 'generated', employees: 150 },
  config: 'config/simulation_config.yaml',
  python: path.join(FAKE, 'python.mjs'),
  years: { start: 2025, end: 2026 },
  seed: 11,
  env: {},
};

describe('planalign target', () => {
  const target = createPlanalignTarget(SPEC);

  it("writes a config overlay with threading enabled, the run's thread count, mode and seed", async () => {
    const context = await freshContext();
    await target.prepare!(context);
    const overlay = YAML.parse(await readFile(path.join(context.workdir, OVERLAY_NAME), 'utf8'));
    expect(overlay.orchestrator.threading, 'threading').toMatchObject({
      enabled: true,
      thread_count: 2,
      mode: 'aggressive',
    });
    expect(overlay.optimization.e068c_threading.dbt_threads, 'dbt_threads follows the run (PlanAlign prefers it)').toBe(
      2,
    );
    expect(overlay.simulation.random_seed, 'seed').toBe(11);
    expect(overlay.orchestrator.threading.resource_management.max_threads, 'other keys kept').toBe(8);
    expect(existsSync(path.join(context.workdir, 'checkout', 'planalign_orchestrator')), 'private working copy').toBe(
      true,
    );
    const census = path.join(context.runDir, generatedCensusName(150, 11));
    expect(overlay.setup.census_parquet_path, 'the census made in the run directory').toBe(census);
    expect(existsSync(census), 'census written once for the matrix').toBe(true);
  });

  it('runs the stand-in PlanAlign with the arguments and environment it checks, stray NAV_ variables removed', async () => {
    const context = await freshContext();
    await target.prepare!(context);
    process.env['NAV_SIMULATION__START_YEAR'] = '1999';
    const outcome = await spawnRun(target.launch(context), { timeoutMs: 60_000 });
    delete process.env['NAV_SIMULATION__START_YEAR'];
    expect(outcome.stderrTail, 'stand-in complaints').toBe('');
    expect(outcome.status, 'status').toBe('ok');
    expect(existsSync(context.database), 'database written').toBe(true);
  });

  it('fails as PlanAlign does when no dbt is on PATH beside the interpreter (why the adapter puts the venv first)', async () => {
    const context = await freshContext();
    await target.prepare!(context);
    const lonely = path.join(context.runDir, 'bin');
    await mkdir(lonely);
    await symlink(path.join(FAKE, 'python.mjs'), path.join(lonely, 'python'));
    const launch = createPlanalignTarget({ ...SPEC, python: path.join(lonely, 'python') }).launch(context);
    // PATH: the interpreter's folder (no dbt there) and node's, which the stand-in's shebang needs.
    const outcome = await spawnRun(
      { ...launch, env: { ...launch.env, PATH: [lonely, path.dirname(process.execPath)].join(path.delimiter) } },
      { timeoutMs: 60_000 },
    );
    expect(outcome.exitCode, 'exit code').toBe(1);
    expect(outcome.stderrTail.trim(), "PlanAlign's own error line").toBe(
      "❌ Error: [Errno 2] No such file or directory: 'dbt'",
    );
  });

  it('refuses a census file that does not exist before anything runs', async () => {
    const missing = createPlanalignTarget({ ...SPEC, census: { kind: 'file', path: '/nonexistent/census.parquet' } });
    await expect(missing.check!(), 'check').rejects.toThrow(
      'planalign target: census /nonexistent/census.parquet not found (target.census)',
    );
  });

  it('fails early when the checkout is not a PlanAlign checkout', async () => {
    const broken = createPlanalignTarget({
      kind: 'planalign',
      checkout: os.tmpdir(),
      census: { kind: 'config' },
      config: 'config/simulation_config.yaml',
      python: 'python3',
      years: { start: 2025, end: 2026 },
      seed: 1,
      env: {},
    });
    await expect(broken.check!(), 'check').rejects.toThrow(/planalign_orchestrator not found/);
  });
});

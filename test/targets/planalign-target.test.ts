import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { spawnRun } from '../../src/runner/spawn-run.js';
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

describe('planalign target', () => {
  const target = createPlanalignTarget({
    kind: 'planalign',
    checkout: path.join(FAKE, 'checkout'),
    census: { kind: 'config' },
    config: 'config/simulation_config.yaml',
    python: path.join(FAKE, 'python.mjs'),
    years: { start: 2025, end: 2026 },
    seed: 11,
    env: {},
  });

  it('writes a config overlay with threading enabled, the run\'s thread count, mode and seed', async () => {
    const context = await freshContext();
    await target.prepare!(context);
    const overlay = YAML.parse(await readFile(path.join(context.workdir, OVERLAY_NAME), 'utf8'));
    expect(overlay.orchestrator.threading, 'threading').toMatchObject({ enabled: true, thread_count: 2, mode: 'aggressive' });
    expect(overlay.optimization.e068c_threading.dbt_threads, 'dbt_threads follows the run (PlanAlign prefers it)').toBe(2);
    expect(overlay.simulation.random_seed, 'seed').toBe(11);
    expect(overlay.orchestrator.threading.resource_management.max_threads, 'other keys kept').toBe(8);
    expect(existsSync(path.join(context.workdir, 'checkout', 'planalign_orchestrator')), 'private working copy').toBe(true);
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

  it('fails early when the checkout is not a PlanAlign checkout', async () => {
    const broken = createPlanalignTarget({
      kind: 'planalign', checkout: os.tmpdir(), census: { kind: 'config' }, config: 'config/simulation_config.yaml', python: 'python3',
      years: { start: 2025, end: 2026 }, seed: 1, env: {},
    });
    await expect(broken.check!(), 'check').rejects.toThrow(/planalign_orchestrator not found/);
  });
});

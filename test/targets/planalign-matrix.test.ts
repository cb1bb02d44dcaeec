// A whole `threadgate run` of a planalign matrix against the stand-in (test/fixtures/fake-planalign),
// located through the environment as a PlanAlign developer would: census, telemetry, reports.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { generatedCensusName } from '../../src/targets/planalign-census-provider.js';
import { makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-planalign/', import.meta.url));

describe('a planalign matrix', () => {
  it("finds the checkout and interpreter in the environment, makes one census, and reports PlanAlign's stages", async () => {
    const dir = await makeTempDir('tg-planalign-matrix-');
    const env = {
      ...process.env,
      THREADGATE_PLANALIGN_CHECKOUT: path.join(FAKE, 'checkout'),
      THREADGATE_PLANALIGN_PYTHON: path.join(FAKE, 'python.mjs'),
    } as Record<string, string>;
    const run = await runMatrixLines(
      dir,
      'planalign-fake',
      [
        'target: { kind: planalign, employees: 120, years: 2025-2025, seed: 5 }',
        'threads: [1, 2]',
        'modes: [aggressive]',
        'reference: { threads: 1, mode: aggressive }',
        'repetitions: 1',
        'warmup: 0',
      ],
      { env },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const { runDir } = run;
    expect(existsSync(path.join(runDir, generatedCensusName(120, 5))), 'one census in the run directory').toBe(true);
    const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
    expect(report.determinism.verdict, 'identical outputs').toBe('pass');
    expect(
      report.runs.map((r) => r.stages.map((s) => s.name)),
      'stages from telemetry',
    ).toEqual([
      [
        '2025/SETUP',
        '2025/INITIALIZATION',
        '2025/FOUNDATION',
        '2025/EVENT_GENERATION',
        '2025/STATE_ACCUMULATION',
        '2025/VALIDATION',
        '2025/REPORTING',
      ],
      [
        '2025/SETUP',
        '2025/INITIALIZATION',
        '2025/FOUNDATION',
        '2025/EVENT_GENERATION',
        '2025/STATE_ACCUMULATION',
        '2025/VALIDATION',
        '2025/REPORTING',
      ],
    ]);
    expect(
      report.stageTimings?.filter((t) => t.stage === '2025/FOUNDATION').map((t) => t.threads),
      'stage medians per configuration',
    ).toEqual([1, 2]);
    const events = report.runs[0]?.digests?.['fct_yearly_events'];
    expect(events?.rowCount, 'events digested').toBeGreaterThan(0);
    const schedule = report.runs[0]?.schedule;
    expect(schedule?.names, 'the schedule from dbt.log and manifest.json in the working copy').toEqual(
      expect.arrayContaining(['int_baseline_workforce', 'fct_yearly_events']),
    );
    expect(existsSync(path.join(runDir, 'runs', report.runs[0]!.id, 'trace.json')), 'trace.json').toBe(true);
    const html = await readFile(path.join(runDir, 'report.html'), 'utf8');
    expect(html, 'stage table').toContain('<td><code>2025/FOUNDATION</code></td>');
  });

  it('names the missing checkout when neither the matrix nor the environment gives one', async () => {
    const dir = await makeTempDir('tg-planalign-matrix-');
    const matrix = path.join(dir, 'planalign.yaml');
    await writeFile(matrix, 'target: { kind: planalign, employees: 10 }\n');
    // Emptied, not deleted: execa adds the parent's environment back to what it is given.
    const env = { ...process.env, THREADGATE_PLANALIGN_CHECKOUT: '' } as Record<string, string>;
    const run = await runCli(['run', matrix, '--out', dir], { env });
    expect(run.exitCode, 'exit').toBe(2);
    expect(run.stderr).toContain(
      'target.checkout: not given: name the PlanAlign checkout here or in THREADGATE_PLANALIGN_CHECKOUT',
    );
  });
});

// .github/workflows/platforms.yml is code too: one test job on each of the three platforms, each
// running the portable unit tests, a small built-in matrix, and the check of its verdict and
// timelines on the folder the run wrote; the scripts it names exist.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly 'runs-on': string;
  readonly strategy?: { readonly 'fail-fast'?: boolean; readonly matrix?: { readonly os?: string[] } };
  readonly steps: Step[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('platforms workflow', () => {
  it('tests on Linux, macOS and Windows: unit tests, a built-in matrix, and its check', async () => {
    const workflow = parse(await readFile(`${ROOT}.github/workflows/platforms.yml`, 'utf8')) as {
      jobs: Record<string, Job>;
    };
    const job = workflow.jobs.test!;
    expect(job.strategy?.matrix?.os, 'the three platforms').toEqual([
      'ubuntu-latest',
      'macos-latest',
      'windows-latest',
    ]);
    expect(job['runs-on'], 'one job per platform').toBe(`\${{ matrix.os }}`);
    expect(job.strategy?.['fail-fast'], 'every platform reports').toBe(false);
    const runs = job.steps.map((step) => step.run ?? '');
    const packageJson = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(runs, 'unit tests').toContain('npm run test:platforms');
    expect(packageJson.scripts['test:platforms'], 'the script exists').toMatch(/^vitest run \S/);
    const matrixRun = runs.find((run) => run.includes(' run matrices/quick.yaml'));
    const out = /--out (\S+)/.exec(matrixRun ?? '')?.[1];
    expect(out, 'the matrix run writes to a named folder').toBeDefined();
    expect(runs, 'the check reads that folder').toContain(`node scripts/check-platform-run.mjs ${out}`);
    expect(existsSync(`${ROOT}scripts/check-platform-run.mjs`), 'the check script exists').toBe(true);
    const upload = job.steps.find((step) => step.uses === 'actions/upload-artifact@v4');
    expect(upload?.with?.path, 'uploads that folder').toBe(out);
  });
});

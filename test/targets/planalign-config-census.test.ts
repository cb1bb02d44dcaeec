// A planalign target with neither `employees` nor `census` reads its config's census, which
// PlanAlign's repository does not ship: `run --dry-run` says so in one line, exit 2, before any run.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/run-cli.js';

const FAKE = fileURLToPath(new URL('../fixtures/fake-planalign/', import.meta.url));

describe('a planalign target whose config names a missing census', () => {
  it('is refused by the dry run, naming the key, the resolved path and both ways out', async () => {
    const dir = await makeTempDir('tg-planalign-census-');
    const matrix = path.join(dir, 'no-census.yaml');
    await writeFile(
      matrix,
      'name: no-census\ntarget: { kind: planalign, years: 2025-2025 }\nthreads: [1]\nmodes: [sequential]\n',
    );
    const env = {
      ...process.env,
      THREADGATE_PLANALIGN_CHECKOUT: path.join(FAKE, 'checkout'),
      THREADGATE_PLANALIGN_PYTHON: path.join(FAKE, 'python.mjs'),
    } as Record<string, string>;
    const result = await runCli(['run', matrix, '--dry-run'], { env });
    expect(result.exitCode, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines, 'one line').toHaveLength(1);
    const resolved = path.join(FAKE, 'checkout', 'data', 'census_preprocessed.parquet');
    expect(lines[0]).toBe(
      `threadgate: error: planalign target: config/simulation_config.yaml setup.census_parquet_path resolves to ${resolved}, which does not exist; give the target \`employees: N\` (threadgate makes a seeded census) or \`census: FILE\``,
    );
  });
});

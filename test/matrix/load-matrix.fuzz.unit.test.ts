// 10,000 generated matrix files through the loader, as `run` uses it (loadMatrix, then expandPlan):
// each either gives a plan within every limit or throws an InputError whose lines each name the
// file and a key path (or a line and column). Any other exception fails the test with its seed.
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { MATRIX_LIMITS } from '../../src/matrix/limits.js';
import { loadMatrix } from '../../src/matrix/load-matrix.js';
import { expandPlan, listConfigurations } from '../../src/matrix/plan.js';
import { THREADING_MODES } from '../../src/matrix/types.js';
import { FUZZ_SEED, matrixFile, type FuzzFile } from './fuzz-inputs.js';
import { checkInputErrorMessage } from './input-error-shape.js';

/** 10,000 by default; FUZZ_FILES=… for a longer or a quicker run. */
const FILES = Number(process.env['FUZZ_FILES'] ?? 10_000);

describe('the matrix loader under 10,000 generated files', () => {
  it('returns a plan within the limits or throws one InputError naming the key path, never anything else', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-fuzz-'));
    const outcomes = { valid: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(matrixFile, async (input: FuzzFile) => {
        const file = path.join(dir, input.name);
        writeFileSync(file, input.bytes);
        let plan: ReturnType<typeof expandPlan>;
        try {
          plan = expandPlan(await loadMatrix(file));
        } catch (error) {
          if (!(error instanceof InputError))
            throw new Error(`not an InputError: ${(error as Error).stack ?? String(error)}`);
          checkInputErrorMessage(error.message, { file });
          outcomes.refused += 1;
          return;
        }
        const { matrix } = plan;
        const configurations = listConfigurations(matrix).length;
        expect(plan.runs.length, 'runs = configurations × (warmup + repetitions)').toBe(
          configurations * (matrix.warmup + matrix.repetitions),
        );
        expect(plan.runs.length, 'plan size').toBeLessThanOrEqual(MATRIX_LIMITS.planRuns);
        expect(new Set(plan.runs.map((run) => run.id)).size, 'unique run ids').toBe(plan.runs.length);
        for (const threads of matrix.threads)
          expect(Number.isInteger(threads) && threads >= 1 && threads <= 16, `threads ${threads}`).toBe(true);
        for (const mode of matrix.modes) expect(THREADING_MODES, `mode ${mode}`).toContain(mode);
        expect(matrix.timeoutMs, 'timeout').toBeGreaterThanOrEqual(1);
        expect(matrix.timeoutMs, 'timeout').toBeLessThanOrEqual(MATRIX_LIMITS.timeoutMs);
        expect(matrix.sampleIntervalMs, 'sample interval').toBeGreaterThanOrEqual(MATRIX_LIMITS.minSampleIntervalMs);
        expect(matrix.timeoutMs / matrix.sampleIntervalMs, 'samples per run').toBeLessThanOrEqual(
          MATRIX_LIMITS.samplesPerRun,
        );
        if (matrix.target.kind === 'builtin')
          expect(matrix.target.employees, 'employees').toBeLessThanOrEqual(MATRIX_LIMITS.employees);
        outcomes.valid += 1;
      }),
      { numRuns: FILES, seed: FUZZ_SEED, endOnFailure: true },
    );
    // Both outcomes must be exercised, or the generator has drifted into testing only one side.
    expect(outcomes.valid + outcomes.refused, 'files tried').toBe(FILES);
    expect(outcomes.valid, 'valid files').toBeGreaterThan(FILES / 50);
    expect(outcomes.refused, 'refused files').toBeGreaterThan(FILES / 2);
  }, 600_000);
});

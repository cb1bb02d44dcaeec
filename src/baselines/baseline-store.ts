// Reads and writes baseline files; saving merges into an existing file so one file can hold the
// golden digests plus performance figures from several machines.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { describeFileError } from '../core/describe-file-error.js';
import { InputError } from '../core/errors.js';
import { BASELINE_SCHEMA_VERSION, type BaselineFile } from './types.js';

/** Default baseline file of a matrix: `baselines/<matrix name>.json` under the working directory. */
export function defaultBaselinePath(matrixName: string): string {
  return path.resolve('baselines', `${matrixName.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
}

/** Loads a baseline file; null when it does not exist and `missingOk`. */
export async function loadBaseline(file: string, missingOk = false, flag = '--baseline'): Promise<BaselineFile | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && missingOk) return null;
    throw new InputError(`${flag}: cannot read ${file}: ${describeFileError(error)}`);
  }
  let parsed: BaselineFile;
  try {
    parsed = JSON.parse(text) as BaselineFile;
  } catch (error) {
    throw new InputError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  if (parsed.schemaVersion !== BASELINE_SCHEMA_VERSION || typeof parsed.performance !== 'object') {
    throw new InputError(
      `${file}: not a threadgate baseline (schemaVersion ${String(parsed.schemaVersion)}, expected ${BASELINE_SCHEMA_VERSION})`,
    );
  }
  return parsed;
}

/** Writes atomically, so a crash never leaves half a baseline. */
export async function writeBaseline(file: string, baseline: BaselineFile): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomically(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new InputError(`cannot write baseline ${file}: ${describeFileError(error)}`);
  }
}

/** The baseline beside a matrix: `<matrix folder>/../baselines/<name>.json` (matrices/ and baselines/ are siblings). */
export function baselinePathFor(matrix: { readonly name: string; readonly source: string | null }): string {
  const fileName = `${matrix.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
  return matrix.source
    ? path.resolve(path.dirname(matrix.source), '..', 'baselines', fileName)
    : defaultBaselinePath(matrix.name);
}

/** True when `file` lies inside a node_modules folder: an installed package, which threadgate never writes into. */
export function isInsideInstalledPackage(file: string): boolean {
  return path.resolve(file).split(path.sep).includes('node_modules');
}

/**
 * Where `baseline save` writes without --to: beside the matrix's folder, unless that lies inside an
 * installed package (the default matrix of `npm install threadgate`); then the working directory's
 * baselines/, with a note saying why.
 */
export function saveLocationFor(matrix: { readonly name: string; readonly source: string | null }): {
  file: string;
  note: string | null;
} {
  const beside = baselinePathFor(matrix);
  if (!isInsideInstalledPackage(beside)) return { file: beside, note: null };
  const file = defaultBaselinePath(matrix.name);
  return {
    file,
    note: `the matrix ${matrix.source} belongs to an installed package, which is never written into: saving in the working directory's baselines/ instead (--to FILE to choose)`,
  };
}

/**
 * The baseline a run is gated against: the named file (must exist), none (null), or by default the
 * matrix's own baseline when one was saved.
 */
export async function loadBaselineFor(
  matrix: { readonly name: string; readonly source: string | null },
  requested: string | null | undefined,
): Promise<{ baseline: BaselineFile | null; file: string | null }> {
  if (requested === null) return { baseline: null, file: null };
  if (requested !== undefined)
    return { baseline: await loadBaseline(path.resolve(requested)), file: path.resolve(requested) };
  // A matrix of an installed package: a baseline saved in the working directory (where `baseline
  // save` puts it) comes before the one shipped with the package.
  const files = isInsideInstalledPackage(baselinePathFor(matrix))
    ? [defaultBaselinePath(matrix.name), baselinePathFor(matrix)]
    : [baselinePathFor(matrix)];
  for (const file of files) {
    const baseline = await loadBaseline(file, true);
    if (baseline) return { baseline, file };
  }
  return { baseline: null, file: null };
}

// Where a `planalign` target's checkout, interpreter and census are: from the matrix file, else from
// the environment, so one shared matrix serves every PlanAlign developer's own checkout and venv.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultPythonCommand, findVenvPython, isPathLike } from '../platform/interpreter-paths.js';
import type { MatrixFile } from './schema.js';
import type { CensusSource } from './types.js';

/** The checkout when the matrix names none. */
export const CHECKOUT_VARIABLE = 'THREADGATE_PLANALIGN_CHECKOUT';
/** The interpreter when the matrix names none (else the checkout's .venv, else python3). */
export const PYTHON_VARIABLE = 'THREADGATE_PLANALIGN_PYTHON';

type Fail = (keyPath: string, message: string) => never;
type PlanalignFile = Extract<MatrixFile['target'], { kind: 'planalign' }>;

/** The checkout: the file's (relative to the matrix file), else $THREADGATE_PLANALIGN_CHECKOUT. */
export function resolvePlanalignCheckout(checkout: string | undefined, baseDir: string, fail: Fail): string {
  if (checkout !== undefined) return path.resolve(baseDir, checkout);
  const fromEnvironment = process.env[CHECKOUT_VARIABLE];
  if (fromEnvironment) return path.resolve(fromEnvironment);
  return fail('target.checkout', `not given: name the PlanAlign checkout here or in ${CHECKOUT_VARIABLE}`);
}

/**
 * The interpreter: the file's (a path with a slash is relative to the matrix file, a bare name is
 * looked up on PATH), else $THREADGATE_PLANALIGN_PYTHON, else the checkout's own `.venv` (where
 * PlanAlign's README creates it: `.venv/bin/python`, or `.venv\Scripts\python.exe` on Windows), else
 * python3 (`python` on Windows). `flavour` is the path flavour (path.win32 in tests of Windows' rules).
 */
export function resolvePlanalignPython(
  python: string | undefined,
  baseDir: string,
  checkout: string,
  flavour: path.PlatformPath = path,
  exists: (file: string) => boolean = existsSync,
): string {
  if (python !== undefined) return isPathLike(python, flavour) ? flavour.resolve(baseDir, python) : python;
  const fromEnvironment = process.env[PYTHON_VARIABLE];
  if (fromEnvironment) return fromEnvironment;
  const venv = findVenvPython(flavour.join(checkout, '.venv'), flavour);
  return exists(venv) ? venv : defaultPythonCommand(flavour);
}

/** `employees` (a census threadgate makes), `census` (a file), or neither (the config's own). */
export function resolveCensusSource(target: PlanalignFile, baseDir: string, fail: Fail): CensusSource {
  if (target.employees !== undefined && target.census !== undefined) {
    return fail('target.census', 'give either employees (threadgate makes the census) or census (your file), not both');
  }
  if (target.employees !== undefined) return { kind: 'generated', employees: target.employees };
  if (target.census !== undefined) return { kind: 'file', path: path.resolve(baseDir, target.census) };
  return { kind: 'config' };
}

// `run --help` says where a flag's default comes from and what the default matrix sets it to
// ("from the matrix; quick.yaml: 2"), so a newcomer sees what `threadgate run` alone will do.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { PACKAGE_ROOT } from '../core/package-info.js';

/** The matrix keys a `run` flag overrides. */
export type MatrixDefaultKey = 'threads' | 'modes' | 'repetitions' | 'warmup' | 'timeout';

let defaultMatrix: { name: string; values: Record<string, unknown> } | null | undefined;

// The default matrix as `run` resolves it (./matrices/quick.yaml, else the shipped one), read once.
function readDefaultMatrix(): { name: string; values: Record<string, unknown> } | null {
  if (defaultMatrix !== undefined) return defaultMatrix;
  const local = path.resolve('matrices', 'quick.yaml');
  const file = existsSync(local) ? local : path.join(PACKAGE_ROOT, 'matrices', 'quick.yaml');
  try {
    const values = YAML.parse(readFileSync(file, 'utf8')) as unknown;
    defaultMatrix =
      values !== null && typeof values === 'object'
        ? { name: path.basename(file), values: values as Record<string, unknown> }
        : null;
  } catch {
    defaultMatrix = null; // Help never fails: a broken default matrix is reported when run reads it.
  }
  return defaultMatrix;
}

/** "from the matrix; quick.yaml: 1, 2, 4", or "from the matrix" when the default matrix cannot be read. */
export function describeMatrixDefault(key: MatrixDefaultKey): string {
  const matrix = readDefaultMatrix();
  const value = matrix?.values[key];
  if (!matrix) return 'from the matrix';
  if (value === undefined) return `from the matrix; ${matrix.name} leaves it at threadgate's default`;
  return `from the matrix; ${matrix.name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`;
}

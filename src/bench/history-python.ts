// bench:history's Python column: a virtualenv of the bench's own (under the user's cache folder)
// with asv's and Apache Otava's released packages, and one child process that runs both on the
// same series. Where Python is missing or the install fails, the column is skipped with one line.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { PACKAGE_ROOT } from '../core/package-info.js';

/** The released versions compared against (both install on Python 3.11). */
export const PYTHON_PACKAGES = ['apache-otava==0.8.0', 'asv==0.6.6'] as const;

export interface PythonDetections {
  readonly versions: Readonly<Record<string, string>>;
  readonly otava: readonly (readonly number[])[];
  readonly asv: readonly (readonly number[])[];
  readonly seconds: { readonly otava: number; readonly asv: number };
}

/** Where the bench keeps its virtualenv: $THREADGATE_BENCH_CACHE, else $XDG_CACHE_HOME or ~/.cache, /threadgate. */
export function benchVenvDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache =
    env['THREADGATE_BENCH_CACHE'] ||
    path.join(env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'threadgate');
  return path.join(cache, 'bench-history-venv');
}

/** The venv's python with the packages installed (made once), or the one line saying why not. */
export async function preparePython(log: (line: string) => void): Promise<{ python: string } | { skipped: string }> {
  const venv = benchVenvDir();
  const python = path.join(venv, 'bin', 'python');
  const marker = path.join(venv, `.installed-${PYTHON_PACKAGES.join('+')}`);
  if (existsSync(marker)) return { python };
  const system = await execa('python3', ['--version'], { reject: false, stdin: 'ignore' }).catch(() => null);
  if (system === null || system.exitCode !== 0) return { skipped: 'asv and Otava columns skipped: no python3 on PATH' };
  log(
    `installing ${PYTHON_PACKAGES.join(' and ')} into a virtualenv of the bench's own: ${venv} (once; later runs reuse it)`,
  );
  await mkdir(path.dirname(venv), { recursive: true });
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', venv]],
    [python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PYTHON_PACKAGES]],
  ];
  for (const [command, args] of steps) {
    const result = await execa(command, args, { reject: false, stdin: 'ignore', all: true });
    if (result.exitCode !== 0)
      return {
        skipped: `asv and Otava columns skipped: ${command} ${args.slice(0, 3).join(' ')} failed (${String(
          result.all ?? '',
        )
          .trim()
          .split('\n')
          .at(-1)})`,
      };
  }
  await execa('touch', [marker]);
  return { python };
}

/** Runs both Python detectors on `series` in one child process. */
export async function runPythonDetectors(
  python: string,
  series: readonly (readonly number[])[],
): Promise<PythonDetections> {
  const script = path.join(PACKAGE_ROOT, 'scripts', 'history-bench-detectors.py');
  const result = await execa(python, [script], {
    input: JSON.stringify({ series }),
    reject: false,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.exitCode !== 0)
    throw new Error(`${script} failed: ${String(result.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(String(result.stdout)) as PythonDetections;
}

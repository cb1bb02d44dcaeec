// Runs the built threadgate CLI as a real child process (npm test builds dist/ first).
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const FAULTY = fileURLToPath(new URL('../fixtures/faulty-orchestrator.mjs', import.meta.url));

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `threadgate ...args` in `cwd`, never throwing on a non-zero exit. */
export async function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const result = await execa(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: options.env,
    reject: false,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function makeTempDir(prefix = 'tg-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The YAML lines of a `command` target: a Node script with the orchestrator's placeholders, then `extra` arguments. */
export function commandTargetLines(script: string, extra: readonly string[] = []): string[] {
  const args = [process.execPath, script].map((arg) => JSON.stringify(arg));
  const placeholders = [
    '--threads',
    '"{threads}"',
    '--mode',
    '"{mode}"',
    '--database',
    '"{database}"',
    '--seed',
    '"{seed}"',
  ];
  return [
    'target:',
    '  kind: command',
    `  command: [${[...args, ...placeholders, ...extra.map((arg) => JSON.stringify(arg))].join(', ')}]`,
  ];
}

/**
 * Writes `<dir>/<name>.yaml` (`name: <name>`, then `lines`) and runs it: `run MATRIX --out OUT
 * --no-baseline --json`, `--quiet` unless the test reads the progress lines, then `flags`. `runDir` is
 * '' when the CLI printed no summary (it failed before the matrix started).
 */
export async function runMatrixLines(
  dir: string,
  name: string,
  lines: readonly string[],
  options: { out?: string; flags?: readonly string[]; env?: Record<string, string>; progress?: boolean } = {},
): Promise<CliResult & { runDir: string }> {
  const matrix = path.join(dir, `${name}.yaml`);
  await writeFile(matrix, [`name: ${name}`, ...lines].join('\n'));
  const quiet = options.progress ? [] : ['--quiet'];
  const result = await runCli(
    ['run', matrix, '--out', options.out ?? dir, '--no-baseline', '--json', ...quiet, ...(options.flags ?? [])],
    { env: options.env },
  );
  let runDir = '';
  try {
    runDir = (JSON.parse(result.stdout) as { runDir: string }).runDir;
  } catch {
    // No summary: the caller's exit-code assertion says why, with stderr.
  }
  return { ...result, runDir };
}

/** Writes a matrix for the faulty stand-in orchestrator with one planted fault (and any further keys, as YAML lines). */
export async function writeFaultyMatrix(
  dir: string,
  fault: string,
  options: { timeout?: string; repetitions?: number; warmup?: number; lines?: readonly string[] } = {},
): Promise<string> {
  const file = path.join(dir, `faulty-${fault}.yaml`);
  await writeFile(
    file,
    [
      `name: faulty-${fault}`,
      ...commandTargetLines(FAULTY, ['--fault', fault]),
      'threads: [1, 2]',
      'modes: [sequential, aggressive]',
      `repetitions: ${options.repetitions ?? 2}`,
      `warmup: ${options.warmup ?? 0}`,
      `timeout: ${options.timeout ?? '30s'}`,
      ...(options.lines ?? []),
    ].join('\n'),
  );
  return file;
}

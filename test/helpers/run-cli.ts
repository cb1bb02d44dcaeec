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
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const result = await execa(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), env: options.env, reject: false, stdin: 'ignore' });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function makeTempDir(prefix = 'tg-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Writes a matrix for the faulty stand-in orchestrator with one planted fault (and any further keys, as YAML lines). */
export async function writeFaultyMatrix(dir: string, fault: string, options: { timeout?: string; repetitions?: number; warmup?: number; lines?: readonly string[] } = {}): Promise<string> {
  const file = path.join(dir, `faulty-${fault}.yaml`);
  await writeFile(
    file,
    [
      `name: faulty-${fault}`,
      'target:',
      '  kind: command',
      `  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(FAULTY)}, --threads, "{threads}", --mode, "{mode}", --database, "{database}", --seed, "{seed}", --fault, ${fault}]`,
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

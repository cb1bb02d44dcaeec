// Starts one orchestrator process, watches it, and ends it: the timeout kills the whole tree, and
// whatever the run's descendants left behind is killed too, so no orphan outlives its run.
import { describeFileError } from '../core/describe-file-error.js';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import type { Timeline } from '../monitor/types.js';
import type { LaunchSpec } from '../targets/types.js';
import { readExecFailure, withDeathSignal } from './death-signal.js';
import { selectTreeKiller } from './select-tree-killer.js';
import { TailBuffer } from './tail-buffer.js';
import type { RunStatus } from '../core/run-record.js';

/** Something that watches a process tree from its root pid until stopped. */
export type StartSampler = (rootPid: number) => { stop(): Promise<Timeline> };

export interface SpawnOptions {
  readonly timeoutMs: number;
  /** Grace between SIGTERM and SIGKILL on timeout. */
  readonly killGraceMs?: number;
  readonly startSampler?: StartSampler;
  /** Receives each stdout line (telemetry parsing). */
  readonly onStdoutLine?: (line: string) => void;
  /** Aborting kills the process tree at once (Ctrl-C in the harness). */
  readonly signal?: AbortSignal;
  /** Called with the pid as soon as the process exists (the run lock records it); a failure kills the tree and is thrown. */
  readonly onSpawn?: (pid: number) => Promise<void>;
}

/** How a process ended: failure is data here, never an exception. */
export interface ProcessOutcome {
  readonly status: RunStatus;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly startedAt: string;
  readonly wallMs: number;
  readonly stdoutTail: string;
  readonly stderrTail: string;
  readonly error: string | null;
  readonly timeline: Timeline | null;
}

/** The harness's environment with the launch's additions and removals (null removes). */
export function buildEnvironment(additions: LaunchSpec['env']): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) environment[name] = value;
  for (const [name, value] of Object.entries(additions)) {
    if (value === null) delete environment[name];
    else environment[name] = value;
  }
  return environment;
}

/** Runs `launch` to completion or timeout. */
export async function spawnRun(launch: LaunchSpec, options: SpawnOptions): Promise<ProcessOutcome> {
  const stdout = new TailBuffer();
  const stderr = new TailBuffer();
  const startedAt = new Date().toISOString();
  const startMs = performance.now();
  // The platform's way to end a tree: process groups and /proc on Linux, groups and ps elsewhere on POSIX, taskkill on Windows.
  const killer = selectTreeKiller();
  // Under setpriv --pdeathsig where available: the kernel kills the process if the harness dies.
  const wrapped = withDeathSignal(launch);
  const child = execa(wrapped.file, [...wrapped.args], {
    cwd: launch.cwd,
    env: buildEnvironment(launch.env),
    extendEnv: false,
    reject: false,
    detached: true, // its own process group, so the whole tree can be signalled at once
    stdin: 'ignore',
    buffer: false,
    stripFinalNewline: false,
  });
  // Once the root is reaped its pid is free, and a busy machine (pid_max 32768, every thread takes
  // one) can hand it to a stranger within a second: the root is signalled by pid only while unreaped
  // (exitCode and signalCode are set in the same callback that reaps it), its orphans afterwards.
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const killRunning = (signal: NodeJS.Signals) => {
    if (child.pid !== undefined && !exited()) void killer.killTree(child.pid, signal, () => !exited());
  };
  const spawnHook =
    child.pid !== undefined && options.onSpawn
      ? options.onSpawn(child.pid).then(
          () => null,
          (error: unknown) => {
            killRunning('SIGKILL');
            return { error };
          },
        )
      : null;
  const sampler = child.pid !== undefined && options.startSampler ? options.startSampler(child.pid) : null;
  let partialLine = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    if (!options.onStdoutLine) return;
    const lines = (partialLine + chunk.toString('utf8')).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) options.onStdoutLine(line);
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

  let timedOut = false;
  let grace: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    killRunning('SIGTERM');
    grace = setTimeout(() => killRunning('SIGKILL'), options.killGraceMs ?? 2000).unref();
  }, options.timeoutMs);

  const abort = () => killRunning('SIGKILL');
  options.signal?.addEventListener('abort', abort, { once: true });

  const result = await child;
  const wallMs = performance.now() - startMs;
  clearTimeout(timer);
  clearTimeout(grace);
  options.signal?.removeEventListener('abort', abort);
  const timeline = sampler ? await sampler.stop() : null;
  // Processes of its group still alive after the root exited are orphans of this run: end them.
  if (child.pid !== undefined) await killer.killOrphans(child.pid);
  if (partialLine && options.onStdoutLine) options.onStdoutLine(partialLine);
  const spawnHookFailure = await spawnHook;
  if (spawnHookFailure) throw spawnHookFailure.error;

  const exitCode = result.exitCode ?? null;
  const signal = result.signal ?? null;
  const status: RunStatus = timedOut ? 'timeout' : exitCode === 0 ? 'ok' : 'failed';
  return {
    status,
    exitCode,
    signal,
    startedAt,
    wallMs,
    stdoutTail: stdout.text(),
    stderrTail: stderr.text(),
    error: describeFailure(status, options.timeoutMs, exitCode, signal, result, stderr.text()),
    timeline,
  };
}

function describeFailure(
  status: RunStatus,
  timeoutMs: number,
  exitCode: number | null,
  signal: string | null,
  result: { failed: boolean; code?: string; originalMessage?: string },
  stderrTail: string,
): string | null {
  if (status === 'ok') return null;
  if (status === 'timeout') return `timed out after ${timeoutMs} ms; process tree killed`;
  if (exitCode === null && signal === null)
    return `could not start: ${result.code ? describeFileError(result) : (result.originalMessage ?? 'unknown error')}`;
  const execFailure = readExecFailure(exitCode, stderrTail);
  if (execFailure !== null) return `could not start: ${execFailure}`;
  return signal !== null ? `killed by ${signal}` : `exit code ${exitCode}`;
}

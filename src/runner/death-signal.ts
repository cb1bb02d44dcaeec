// Makes an orchestrator die with its harness. On Linux a process can ask the kernel for a signal
// when its parent dies (prctl PR_SET_PDEATHSIG); Node cannot call prctl, so util-linux's `setpriv
// --pdeathsig KILL -- file args` does it and then execs the command: same pid, no shell, no extra
// process. The signal fires when the *thread* that forked the child dies; Node forks from its main
// thread (libuv's uv_spawn runs on the event loop), so it fires exactly when the harness dies. It
// reaches only the direct child: grandchildren are ended by the watchdog and the resume sweep.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { hasLinuxProc } from '../platform/platform-paths.js';
import type { LaunchSpec } from '../targets/types.js';

/** Set to 1 to launch without setpriv (tests of the fallback; systems where setpriv misbehaves). */
export const NO_SETPRIV_VARIABLE = 'THREADGATE_NO_SETPRIV';

let cached: string | null | undefined;

/** setpriv's path, or null when it cannot be used here (not Linux, portable paths forced, not installed, or turned off). */
export function findSetpriv(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (!hasLinuxProc() || process.env[NO_SETPRIV_VARIABLE] === '1') return cached;
  const folders = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const folder of folders.filter(Boolean)) {
    const candidate = path.join(folder, 'setpriv');
    try {
      accessSync(candidate, constants.X_OK);
      cached = candidate;
      break;
    } catch {
      // not here
    }
  }
  return cached;
}

/** The launch wrapped so that the kernel kills the process when the harness dies (unchanged without setpriv). */
export function withDeathSignal(launch: LaunchSpec): LaunchSpec {
  const setpriv = findSetpriv();
  if (setpriv === null) return launch;
  return { ...launch, file: setpriv, args: ['--pdeathsig', 'KILL', '--', launch.file, ...launch.args] };
}

/** setpriv's own complaint when it could not exec the command (exit 126/127), so it reads as "could not start". */
export function readExecFailure(exitCode: number | null, stderrTail: string): string | null {
  if (exitCode !== 126 && exitCode !== 127) return null;
  const match = /^setpriv: (failed to execute .*)$/m.exec(stderrTail);
  return match ? match[1]! : null;
}

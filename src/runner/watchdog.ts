// The harness's side of the watchdog (watchdog-main.ts): a small process that kills the running
// orchestrator's whole tree if the harness dies without doing it itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-info.js';
import type { ChildProcessRecord } from './leftover-sweep.js';

const WATCHDOG_ENTRY = path.join(PACKAGE_ROOT, 'dist', 'runner', 'watchdog-main.js');

/** A running watchdog. */
export interface Watchdog {
  /** The orchestrator to kill should the harness die now (null: none running). */
  watch(child: ChildProcessRecord | null): void;
  /** Ends the watchdog without it killing anything. */
  stop(): void;
}

/** Starts the watchdog; null when it cannot run here (threadgate not built: the resume sweep still applies). */
export function startWatchdog(): Watchdog | null {
  if (!existsSync(WATCHDOG_ENTRY)) return null;
  let child: ChildProcess;
  try {
    // Its own session (a console of its own on Windows): the harness's Ctrl-C must not reach it.
    child = spawn(process.execPath, [WATCHDOG_ENTRY], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      windowsHide: true,
    });
  } catch {
    return null;
  }
  child.on('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    watch(record) {
      child.stdin?.write(`${JSON.stringify(record)}\n`);
    },
    stop() {
      child.stdin?.end(`${JSON.stringify(null)}\n`);
    },
  };
}

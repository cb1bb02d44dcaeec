// One interface for ending a run's process tree, one adapter per platform family: Linux's /proc
// (proc-tree-killer.ts), POSIX process groups found through `ps` (posix-tree-killer.ts: macOS, or
// Linux with THREADGATE_PLATFORM_PATHS=portable), and Windows' taskkill (windows-tree-killer.ts).
// Everything that kills, records or recognises a run's processes goes through here.
// The one that applies here is chosen in select-tree-killer.ts.
import type { PlatformPaths } from '../platform/platform-paths.js';
import type { ChildProcessRecord } from './leftover-sweep.js';

/** Finds, identifies and kills a run's process tree on one platform. */
export interface TreeKiller {
  readonly paths: PlatformPaths;
  /**
   * Sends `signal` to the root's group, the root and every descendant; the gone are skipped quietly.
   * `isStillOurs`, when given, is asked right before signalling (after any listing that let the event
   * loop run): a root reaped meanwhile may have its pid reused, and then nothing is signalled.
   */
  killTree(rootPid: number, signal: NodeJS.Signals, isStillOurs?: () => boolean): Promise<void>;
  /** The record of a child just spawned (its group and identity); null when it is already gone. */
  describeChild(pid: number): Promise<ChildProcessRecord | null>;
  /** The processes of a recorded child still running: the child, its group, its descendants. */
  findLeftovers(child: ChildProcessRecord): Promise<number[]>;
  /**
   * After a root spawned detached (so it led its own group) has been reaped: kills what is left of
   * its group (on Windows, of its tree) and waits up to `waitMs`; returns their pids. A live process
   * on the root's pid is a stranger (no system reuses a pid while a group of that id has members),
   * and then nothing is killed.
   */
  killOrphans(rootPid: number, waitMs?: number): Promise<number[]>;
  /** Kills every leftover of `child` and waits (up to `waitMs`) until they are gone; returns their pids. */
  killLeftovers(child: ChildProcessRecord, waitMs?: number): Promise<number[]>;
  /** An identity of a live process that a reused pid cannot fake; null when it is gone. */
  readIdentity(pid: number): Promise<string | null>;
  /** True when `pid` is alive and is the very process that had `identity`. */
  isSameProcess(pid: number, identity: string): Promise<boolean>;
  /** True while `pid` exists and is not a zombie. */
  isRunning(pid: number): Promise<boolean>;
}

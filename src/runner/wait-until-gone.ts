// The wait after a kill, shared by the tree killers: a killed process is gone only once reaped.
import type { TreeKiller } from './tree-killer.js';

/** Polls until none of `pids` is running or `waitMs` has passed. */
export async function waitUntilGone(
  killer: Pick<TreeKiller, 'isRunning'>,
  pids: readonly number[],
  waitMs: number,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  let alive = [...pids];
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const running = await Promise.all(alive.map((pid) => killer.isRunning(pid)));
    alive = alive.filter((_, index) => running[index]);
  }
}

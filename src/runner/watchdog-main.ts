// The watchdog process: started by a harness with a pipe on its stdin, it outlives the harness on
// purpose. The harness writes the orchestrator it runs (one JSON line per spawn, `null` when it
// ends); when the pipe closes while an orchestrator is recorded, the harness died mid-run (kill -9
// included: the kernel closes the pipe), so the watchdog kills that orchestrator's whole process
// group and descendants — what PR_SET_PDEATHSIG, which reaches only the direct child, cannot —
// through the platform's tree killer (tree-killer.ts): it needs neither /proc nor setpriv, so it is
// the one death guard on macOS and Windows.
import type { ChildProcessRecord } from './leftover-sweep.js';
import { selectTreeKiller } from './select-tree-killer.js';

let current: ChildProcessRecord | null = null;
let pending = '';

// The terminal's Ctrl-C or hang-up is for the harness, which handles them; the watchdog waits for the pipe.
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(signal, () => undefined);

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (line.trim() !== '') current = JSON.parse(line) as ChildProcessRecord | null;
});
process.stdin.on('end', () => {
  const orphan = current;
  if (orphan === null) process.exit(0);
  void selectTreeKiller()
    .killLeftovers(orphan)
    .finally(() => process.exit(0));
});

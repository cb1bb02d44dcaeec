// The memory-stress helper process (`node dist/stress/memory-hog.js <bytes> <parent pid>`): holds
// <bytes> of resident memory until its parent, the harness, ends it or dies. Every 4 KiB page of
// every chunk is written, because a zero-filled Buffer of this size comes from untouched mmap pages
// that hold no memory until written. It never outlives the harness: setpriv --pdeathsig KILL starts
// it where util-linux is present, and it also polls its parent's pid (a kill -9 of the harness
// without setpriv, or a parent that exits between fork and prctl).
import { writeFileSync } from 'node:fs';
import { READY_PREFIX } from './types.js';

/** Allocation step: small enough to stop promptly, large enough to take few syscalls. */
const CHUNK_BYTES = 64 * 1024 * 1024;
const PAGE_BYTES = 4096;
const PARENT_POLL_MS = 250;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Asks the kernel's OOM killer to spare this process (needs CAP_SYS_RESOURCE): the helper is the
 * largest process under stress, and the point is to see what the runs do with the rest, not to
 * have the helper killed first. Returns whether the request was granted. (Without it, the runs'
 * own oom_score_adj of 1000, set by the harness, still makes them the first choice.)
 */
function protectFromOomKiller(): boolean {
  try {
    writeFileSync('/proc/self/oom_score_adj', '-1000');
    return true;
  } catch {
    return false;
  }
}

function holdMemory(bytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let left = bytes; left > 0; left -= CHUNK_BYTES) {
    const chunk = Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, left));
    for (let offset = 0; offset < chunk.length; offset += PAGE_BYTES) chunk[offset] = 1;
    chunks.push(chunk);
  }
  return chunks;
}

function main(): void {
  const bytes = Number(process.argv[2]);
  const parentPid = Number(process.argv[3]);
  if (!Number.isSafeInteger(bytes) || bytes <= 0 || !Number.isInteger(parentPid) || parentPid <= 1) {
    process.stderr.write('usage: memory-hog <bytes> <parent pid>\n');
    process.exit(2);
  }
  const isProtected = protectFromOomKiller();
  const held = holdMemory(bytes);
  process.stdout.write(`${READY_PREFIX}${bytes} ${isProtected ? 'protected' : 'unprotected'}\n`);
  const timer = setInterval(() => {
    // Reparented (to init or a subreaper) or gone: the harness died, so the memory goes too.
    if (process.ppid !== parentPid || !isAlive(parentPid)) process.exit(0);
  }, PARENT_POLL_MS);
  process.on('SIGTERM', () => {
    clearInterval(timer);
    held.length = 0;
    process.exit(0);
  });
}

main();

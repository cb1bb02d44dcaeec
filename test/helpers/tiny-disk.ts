// A small tmpfs of its own, to fill up or make read-only under a running harness. Mounting needs
// root (CAP_SYS_ADMIN); where that is refused, `mountTinyDisk` says why and the tests that need a
// disk of their own are skipped with that reason (chmod cannot stand in: root ignores it).
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** A mounted tmpfs. */
export interface TinyDisk {
  readonly dir: string;
  /** Writes a filler file until the disk is full (ENOSPC). */
  fill(): Promise<void>;
  /** Deletes the filler. */
  free(): Promise<void>;
  setReadOnly(readOnly: boolean): Promise<void>;
  unmount(): Promise<void>;
}

async function mount(args: string[]): Promise<void> {
  await execa('mount', args, { stdin: 'ignore' });
}

/** Mounts a tmpfs of `sizeBytes`; a string says why it could not be done here. */
export async function mountTinyDisk(sizeBytes: number): Promise<TinyDisk | string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tg-tiny-disk-'));
  try {
    await mount(['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): ${(error as { shortMessage?: string }).shortMessage ?? String(error)}`;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      try {
        // Whole pages first, then single bytes: every free page is taken (slack in other files' last pages stays).
        for (const chunk of [Buffer.alloc(64 * 1024, 1), Buffer.alloc(1, 1)]) {
          for (;;) {
            try {
              await handle.write(chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
      } finally {
        await handle.close();
      }
    },
    free: () => rm(filler, { force: true }),
    setReadOnly: (readOnly) => mount(['-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir]),
    async unmount() {
      await execa('umount', [dir], { reject: false });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// The one atomic write, where it matters: a disk that fills up under it, and a process killed in the
// middle of it. A reader must find the old content whole in both cases, never a torn file.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/core/atomic-write.js';
import { mountTinyDisk } from '../helpers/tiny-disk.js';

const mounted = await mountTinyDisk(4 * 1024 * 1024);
const disk = typeof mounted === 'string' ? null : mounted;
if (typeof mounted === 'string') console.warn(`atomic-write full-disk test skipped: ${mounted}`);
afterAll(async () => disk?.unmount());

// The compiled module (npm test builds dist/ first): the child that is killed runs it as a user would.
const ATOMIC_WRITE = fileURLToPath(new URL('../../dist/core/atomic-write.js', import.meta.url));

describe('writeFileAtomically', () => {
  it.skipIf(disk === null)(
    'on a full disk: fails with ENOSPC, the old file stays whole, no temporary file is left',
    async () => {
      const file = path.join(disk!.dir, 'report.json');
      await writeFile(file, 'old content\n');
      await disk!.fill();
      try {
        const error = await writeFileAtomically(file, 'x'.repeat(256 * 1024)).catch((caught: unknown) => caught);
        expect((error as NodeJS.ErrnoException).code, 'the error as the file system gave it').toBe('ENOSPC');
        expect(await readFile(file, 'utf8'), 'the old content').toBe('old content\n');
        expect((await readdir(disk!.dir)).sort(), 'no temporary file').toEqual(['filler', 'report.json']);
      } finally {
        await disk!.free();
      }
    },
  );

  it('killed mid-write: the old file stays whole; what is left is a temporary file the run lock sweeps', async () => {
    const dir = await import('node:fs/promises').then((fs) =>
      fs.mkdtemp(path.join(process.env['TMPDIR'] ?? '/tmp', 'tg-atomic-')),
    );
    const file = path.join(dir, 'journal.jsonl');
    await writeFile(file, 'old content\n');
    // The child writes half of the new content, says so, and hangs inside the write until it is killed.
    const script = `
      import { appendFile } from 'node:fs/promises';
      const { replaceFileAtomically } = await import(${JSON.stringify(ATOMIC_WRITE)});
      await replaceFileAtomically(${JSON.stringify(file)}, async (temporary) => {
        await appendFile(temporary, 'half of the new');
        process.stdout.write('written\\n');
        await new Promise(() => setInterval(() => {}, 1000)); // held open until killed
      });`;
    const child = execa('node', ['--input-type=module', '-e', script], { reject: false });
    // (execa's line iterator waits for the process to end when left early: read the stream itself.)
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('written\n')) resolve();
      });
    });
    child.kill('SIGKILL');
    const result = await child;
    expect(result.signal, 'the child was killed').toBe('SIGKILL');
    expect(await readFile(file, 'utf8'), 'the old content').toBe('old content\n');
    const left = (await readdir(dir)).filter((name) => name !== 'journal.jsonl');
    expect(left, 'one temporary file').toHaveLength(1);
    expect(left[0], 'named as the sweep recognises: .NAME.<pid>.<hex>.tmp').toMatch(
      new RegExp(`^\\.journal\\.jsonl\\.${child.pid}\\.[0-9a-f]{8}\\.tmp$`),
    );
  });
});

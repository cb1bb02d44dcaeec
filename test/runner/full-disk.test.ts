// A run directory that stops being writable — a full disk, or a folder remounted read-only — on a
// real tmpfs of its own: one clear error (exit 74 mid-run), nothing already written corrupted (the
// journal is cut back to its last whole record, reports keep their previous version), and
// `--resume` finishes once there is room again. Skipped, with the reason, where mounting is refused.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/core/errors.js';
import { createReportWriter } from '../../src/report/write-reports.js';
import { appendRecord, readJournal } from '../../src/runner/journal.js';
import type { PlanFile } from '../../src/runner/run-directory.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { makeRun } from '../analysis/helpers.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { CLI, makeTempDir, runCli } from '../helpers/run-cli.js';
import { readRunPids, waitFor, writeSlowMatrix } from '../helpers/slow-matrix.js';
import { mountTinyDisk, type TinyDisk } from '../helpers/tiny-disk.js';

const mounted = await mountTinyDisk(16 * 1024 * 1024);
const disk = typeof mounted === 'string' ? null : mounted;
const unavailable = typeof mounted === 'string' ? mounted : null;
if (unavailable) console.warn(`full-disk tests skipped: ${unavailable}`);
afterAll(async () => disk?.unmount());

function record(id: string, stderrTail = ''): RunRecord {
  return makeRun({ id, threads: 1, mode: 'sequential', stderrTail });
}

async function folderOnDisk(name: string): Promise<string> {
  const dir = path.join(disk!.dir, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function readAll(files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map((file) => readFile(file, 'utf8')));
}

describe.skipIf(disk === null)('a run directory that stops being writable', () => {
  it('journal: a record that does not fit is cut back, leaving every earlier record whole', async () => {
    const file = path.join(await folderOnDisk('journal-full'), 'journal.jsonl');
    await appendRecord(file, record('a'));
    await appendRecord(file, record('b'));
    const before = await readFile(file, 'utf8');
    await disk!.fill();
    try {
      // Larger than the slack left in the journal's last page: part of it is written before ENOSPC.
      const error = await appendRecord(file, record('c', 'x'.repeat(20_000))).catch((e: NodeJS.ErrnoException) => e);
      expect((error as NodeJS.ErrnoException)?.code, 'error code').toBe('ENOSPC');
      expect(await readFile(file, 'utf8'), 'journal unchanged').toBe(before);
    } finally {
      await disk!.free();
    }
    await appendRecord(file, record('c', 'x'.repeat(20_000)));
    const { records, truncatedLine } = await readJournal(file);
    expect(
      records.map((r) => r.id),
      'records once there is room',
    ).toEqual(['a', 'b', 'c']);
    expect(truncatedLine, 'no torn line').toBe(false);
  });

  it('journal: a read-only folder refuses the append and leaves the journal as it was', async () => {
    const file = path.join(await folderOnDisk('journal-ro'), 'journal.jsonl');
    await appendRecord(file, record('a'));
    await disk!.setReadOnly(true);
    try {
      const error = await appendRecord(file, record('b')).catch((e: NodeJS.ErrnoException) => e);
      expect((error as NodeJS.ErrnoException)?.code, 'error code').toBe('EROFS');
    } finally {
      await disk!.setReadOnly(false);
    }
    expect(
      (await readJournal(file)).records.map((r) => r.id),
      'records',
    ).toEqual(['a']);
  });

  it('reports: a rewrite on a full disk fails with one line and leaves the previous files whole', async () => {
    const dir = await folderOnDisk('reports-full');
    const writer = createReportWriter(dir);
    await writer.prepare();
    await writer.write(buildSampleReport());
    const before = await readAll(writer.files);
    await disk!.fill();
    let error: unknown;
    try {
      error = await writer
        .write(buildSampleReport({ finishedAt: '2026-12-01T00:00:00.000Z' }))
        .catch((e: unknown) => e);
    } finally {
      await disk!.free();
    }
    expect(error, 'an OutputError').toBeInstanceOf(OutputError);
    expect((error as Error).message, 'message').toMatch(
      new RegExp(`^cannot write ${dir}/\\S+: no space left on device$`),
    );
    expect(await readAll(writer.files), 'previous reports intact').toEqual(before);
    expect(
      (await readdir(dir)).filter((name) => name.endsWith('.tmp')),
      'no temp files left',
    ).toEqual([]);
  });

  it('run: a read-only --out is refused before anything runs, exit 2 with one line', async () => {
    const work = await makeTempDir('tg-full-disk-');
    const matrix = await writeSlowMatrix(work, path.join(work, 'pids'));
    const out = await folderOnDisk('run-refused');
    await disk!.setReadOnly(true);
    let result: Awaited<ReturnType<typeof runCli>>;
    try {
      result = await runCli(['run', matrix, '--out', out, '--no-baseline', '--quiet']);
    } finally {
      await disk!.setReadOnly(false);
    }
    expect(result.exitCode, `exit code (stderr: ${result.stderr})`).toBe(2);
    expect(
      result.stderr.split('\n').filter((line) => line.startsWith('threadgate: error:')),
      'one error line',
    ).toEqual([
      expect.stringMatching(
        new RegExp(`^threadgate: error: --out: cannot create run directory ${out}/slow-\\S+: read-only file system$`),
      ),
    ]);
    expect(await readRunPids(path.join(work, 'pids')), 'nothing ran').toEqual([]);
  });

  for (const fault of ['read-only', 'full'] as const) {
    it(`run: the disk turning ${fault} mid-run exits 74 with one line; --resume finishes once it is writable`, async () => {
      const work = await makeTempDir('tg-full-disk-');
      const pidsFile = path.join(work, 'pids');
      const matrix = await writeSlowMatrix(work, pidsFile);
      const out = await folderOnDisk(`run-${fault}`);
      const harness = execa(process.execPath, [CLI, 'run', matrix, '--out', out, '--no-baseline', '--quiet'], {
        reject: false,
        stdin: 'ignore',
      });
      expect(await waitFor(async () => (await readRunPids(pidsFile)).length >= 2, 90_000), 'second run started').toBe(
        true,
      );
      const [name] = await readdir(out);
      const runDir = path.join(out, name!);
      const reportBefore = await readFile(path.join(runDir, 'report.json'), 'utf8');
      await breakDisk(disk!, fault);
      let result: Awaited<typeof harness>;
      try {
        result = await harness;
        const journal = await readJournal(path.join(runDir, 'journal.jsonl'));
        expect(journal.truncatedLine, 'no torn journal line').toBe(false);
        expect(
          journal.records.map((r) => r.id),
          'the first run journaled',
        ).toHaveLength(1);
        expect(await readFile(path.join(runDir, 'report.json'), 'utf8'), 'report.json as after the first run').toBe(
          reportBefore,
        );
      } finally {
        await repairDisk(disk!, fault);
      }
      expect(result.exitCode, `exit code (stderr: ${result.stderr})`).toBe(74);
      // Other lines (a warning that the machine is busy) may come first; the error is one line, no stack.
      const errors = result.stderr.split('\n').filter((line) => line.startsWith('threadgate: error:'));
      expect(errors, `one error line: ${result.stderr}`).toHaveLength(1);
      expect(result.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
      const reason = fault === 'full' ? 'no space left on device' : 'read-only file system';
      expect(errors[0], 'names the file, the reason and the way to finish').toMatch(
        new RegExp(
          `^threadgate: error: cannot write .*${runDir}\\S*: ${reason}; the runs journaled so far are kept: make room, then finish with threadgate run --resume ${runDir}$`,
        ),
      );

      const resumed = await runCli(['run', '--resume', runDir, '--no-baseline', '--quiet']);
      expect(resumed.exitCode, `resume exit (stderr: ${resumed.stderr})`).toBe(0);
      const ids = (await readJournal(path.join(runDir, 'journal.jsonl'))).records.map((r) => r.id).sort();
      const planned = (JSON.parse(await readFile(path.join(runDir, 'plan.json'), 'utf8')) as PlanFile).plan.runs
        .map((r) => r.id)
        .sort();
      expect(ids, 'every planned run journaled exactly once').toEqual(planned);
    });
  }
});

async function breakDisk(tiny: TinyDisk, fault: 'read-only' | 'full'): Promise<void> {
  if (fault === 'full') await tiny.fill();
  else await tiny.setReadOnly(true);
}

async function repairDisk(tiny: TinyDisk, fault: 'read-only' | 'full'): Promise<void> {
  if (fault === 'full') await tiny.free();
  else await tiny.setReadOnly(false);
}

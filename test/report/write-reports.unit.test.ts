import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { createReportWriter } from '../../src/report/write-reports.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

const FILES = ['report.json', 'report.md', 'report.html', 'junit.xml', 'results.csv'];

describe('report writer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'threadgate-writer-'));
  });
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  it('creates every output file before anything is measured', async () => {
    const writer = createReportWriter(path.join(dir, 'run'));
    await writer.prepare();
    expect((await readdir(path.join(dir, 'run'))).sort()).toEqual([...FILES].sort());
    expect(writer.files.map((f) => path.basename(f))).toEqual(FILES);
  });

  it('rewrites every file on each write, leaving no temporary files', async () => {
    const writer = createReportWriter(dir);
    await writer.prepare();
    const first = buildSampleReport({ pendingRuns: 12, runs: buildSampleReport().runs.slice(0, 6) });
    await writer.write(first);
    expect((await readFile(path.join(dir, 'results.csv'), 'utf8')).split('\r\n')).toHaveLength(8);
    const finalReport = buildSampleReport();
    await writer.write(finalReport);
    expect(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'))).toEqual(finalReport);
    expect((await readFile(path.join(dir, 'results.csv'), 'utf8')).split('\r\n')).toHaveLength(20);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toContain('<div class="verdict-word">FAIL</div>');
    expect((await readdir(dir)).sort(), 'only the five files').toEqual([...FILES].sort());
  });

  it('writeFile rewrites the one file named and refuses a file that is not one of its own', async () => {
    const writer = createReportWriter(dir);
    await writer.prepare();
    const report = buildSampleReport();
    await writer.writeFile(report, path.join(dir, 'report.json'));
    expect(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'))).toEqual(report);
    expect(
      await readFile(path.join(dir, 'report.html'), 'utf8'),
      'report.html untouched (still the empty file prepare made)',
    ).toBe('');
    await expect(writer.writeFile(report, path.join(dir, 'other.json'))).rejects.toThrow(`not a report file of ${dir}`);
  });

  it('replaces a file by rename, so a reader holding the old one never sees a half-written file', async () => {
    const writer = createReportWriter(dir);
    await writer.prepare();
    await writer.write(buildSampleReport({ pendingRuns: 3 }));
    const { ino: before } = await import('node:fs/promises').then((fs) => fs.stat(path.join(dir, 'report.json')));
    await writer.write(buildSampleReport());
    const { ino: after } = await import('node:fs/promises').then((fs) => fs.stat(path.join(dir, 'report.json')));
    expect(after, 'a new inode: written elsewhere, then renamed over').not.toBe(before);
  });

  // Root ignores a folder's mode bits, and Windows has none to set.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')(
    'fails early with an InputError on an unwritable directory',
    async () => {
      await chmod(dir, 0o555);
      const writer = createReportWriter(path.join(dir, 'run'));
      await expect(writer.prepare()).rejects.toThrow(InputError);
      await expect(writer.prepare()).rejects.toThrow(
        `cannot create run directory ${path.join(dir, 'run')}: permission denied`,
      );
    },
  );

  it('fails early with an InputError when the run directory is a file', async () => {
    const file = path.join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const writer = createReportWriter(file);
    await expect(writer.prepare()).rejects.toThrow(InputError);
    await expect(writer.prepare()).rejects.toThrow(
      /^cannot create run directory .*not-a-dir: a file of that name is in the way$/,
    );
  });

  it('fails early with an InputError when a parent of the run directory is a file', async () => {
    await writeFile(path.join(dir, 'file'), 'x');
    const writer = createReportWriter(path.join(dir, 'file', 'run'));
    await expect(writer.prepare()).rejects.toThrow(
      /^cannot create run directory .*file\/run: a part of the path is a file, not a folder$/,
    );
  });

  it('fails early when a report file cannot be opened', async () => {
    await writeFile(path.join(dir, 'placeholder'), '');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'report.md')); // a directory where a file must go
    const writer = createReportWriter(dir);
    await expect(writer.prepare()).rejects.toThrow(
      `cannot write report file ${path.join(dir, 'report.md')}: it is a folder, not a file`,
    );
  });

  it('appends report.md to the GitHub step summary once', async () => {
    const summary = path.join(dir, 'step-summary.md');
    await writeFile(summary, 'earlier step\n');
    const writer = createReportWriter(path.join(dir, 'run'), { githubStepSummary: summary });
    await writer.prepare();
    const report = buildSampleReport();
    await writer.appendStepSummary(report);
    await writer.appendStepSummary(report);
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('earlier step\n# ❌ threadgate FAIL')).toBe(true);
    expect(text.match(/# ❌ threadgate/g), 'appended once').toHaveLength(1);
  });

  it('does nothing for the step summary when none is set', async () => {
    const writer = createReportWriter(dir, { githubStepSummary: null });
    await writer.prepare();
    await writer.appendStepSummary(buildSampleReport());
    expect((await readdir(dir)).sort()).toEqual([...FILES].sort());
  });
});

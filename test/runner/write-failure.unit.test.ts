// How a failed write reads: a file-system error becomes one line naming what, where, why and how
// to finish (exit 74 mid-run, exit 2 before the first run); a bug goes through as itself (exit 70).
import { describe, expect, it } from 'vitest';
import { InputError, OutputError } from '../../src/core/errors.js';
import { describeWriteError, guardStartWrite, guardWrite } from '../../src/core/write-failure.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, write`), { code, syscall: 'write' });
}

const fail = (error: unknown) => async (): Promise<never> => {
  throw error;
};

describe('write failures', () => {
  it('names the errno and what it means', () => {
    expect(describeWriteError(errno('ENOSPC')), 'ENOSPC').toBe('no space left on device');
    expect(describeWriteError(errno('EROFS')), 'EROFS').toBe('read-only file system');
    expect(describeWriteError(errno('ENOTDIR')), 'in words, never the code').toBe(
      'a part of the path is a file, not a folder',
    );
  });

  it('mid-run: an OutputError with the file, the reason and the --resume command', async () => {
    const error = await guardWrite('the journal', '/r/journal.jsonl', '/r', fail(errno('ENOSPC'))).catch(
      (e: unknown) => e,
    );
    expect(error, 'type').toBeInstanceOf(OutputError);
    expect((error as OutputError).exitCode, 'exit code').toBe(74);
    expect((error as Error).message, 'message').toBe(
      'cannot write the journal /r/journal.jsonl: no space left on device; the runs journaled so far are kept: make room, then finish with threadgate run --resume /r',
    );
  });

  it("mid-run: keeps the report writer's own OutputError line and adds the way to finish", async () => {
    const error = await guardWrite(
      'the reports in',
      '/r',
      '/r',
      fail(new OutputError('cannot write /r/report.json: read-only file system')),
    ).catch((e: unknown) => e);
    expect((error as Error).message, 'message').toBe(
      'cannot write /r/report.json: read-only file system; the runs journaled so far are kept: make room, then finish with threadgate run --resume /r',
    );
  });

  it('before the first run: an InputError (exit 2) without the --resume advice', async () => {
    const error = await guardStartWrite('the plan', '/r/plan.json', fail(errno('EACCES'))).catch((e: unknown) => e);
    expect(error, 'type').toBeInstanceOf(InputError);
    expect((error as Error).message, 'message').toBe('cannot write the plan /r/plan.json: permission denied');
  });

  it('lets a bug through unchanged, so it is reported as one (exit 70 with its stack)', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'digests')");
    expect(await guardWrite('the reports in', '/r', '/r', fail(bug)).catch((e: unknown) => e), 'mid-run').toBe(bug);
    expect(await guardStartWrite('the plan', '/r/plan.json', fail(bug)).catch((e: unknown) => e), 'at start').toBe(bug);
  });
});

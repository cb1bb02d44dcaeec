import { describe, expect, it } from 'vitest';
import { describeFileError } from '../../src/core/describe-file-error.js';

function errno(code: string, message = `${code}: something, open '/x'`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('describeFileError', () => {
  it('says in words what an errno code means, never the code', () => {
    expect(describeFileError(errno('ENOENT')), 'ENOENT').toBe('no such file or directory');
    expect(describeFileError(errno('ENOTDIR')), 'ENOTDIR').toBe('a part of the path is a file, not a folder');
    expect(describeFileError(errno('EISDIR')), 'EISDIR').toBe('it is a folder, not a file');
    expect(
      describeFileError(errno('EXDEV', "EXDEV: cross-device link not permitted, rename '/a' -> '/b'")),
      "unknown code: Node's words",
    ).toBe('cross-device link not permitted');
    expect(describeFileError(new Error('plain')), 'no code').toBe('plain');
  });
});

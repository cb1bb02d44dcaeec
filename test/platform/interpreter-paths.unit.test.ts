// The planalign target's path logic with Windows-style inputs (path.win32) beside POSIX ones: the
// virtualenv's interpreter is `Scripts\python.exe` on Windows as it is `bin/python` elsewhere, a
// backslash makes a path on Windows only, and PATH gets the interpreter's folder with `;`.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePlanalignPython } from '../../src/matrix/planalign-location.js';
import {
  defaultPythonCommand,
  findVenvPython,
  isPathLike,
  prependInterpreterFolder,
} from '../../src/platform/interpreter-paths.js';
import { planalignPath } from '../../src/targets/planalign-target.js';

describe('interpreter paths on Windows and POSIX', () => {
  it("finds a virtualenv's interpreter where each platform puts it", () => {
    expect(findVenvPython('C:\\Users\\ana\\planalign\\.venv', path.win32), 'Windows').toBe(
      'C:\\Users\\ana\\planalign\\.venv\\Scripts\\python.exe',
    );
    expect(findVenvPython('/home/ana/planalign/.venv', path.posix), 'POSIX').toBe(
      '/home/ana/planalign/.venv/bin/python',
    );
    expect(defaultPythonCommand(path.win32), 'Windows has no python3').toBe('python');
    expect(defaultPythonCommand(path.posix), 'POSIX').toBe('python3');
  });

  it('tells a path from a program name by the separators each platform has', () => {
    expect(isPathLike('.venv\\Scripts\\python.exe', path.win32), 'backslash on Windows').toBe(true);
    expect(isPathLike('C:/tools/python.exe', path.win32), 'slash on Windows').toBe(true);
    expect(isPathLike('python', path.win32), 'a name on Windows').toBe(false);
    expect(isPathLike('odd\\name', path.posix), 'a backslash is a file-name character on POSIX').toBe(false);
  });

  it('puts the interpreter folder first on PATH with the platform delimiter', () => {
    const python = 'C:\\Users\\ana\\planalign\\.venv\\Scripts\\python.exe';
    expect(planalignPath(python, 'C:\\Windows\\System32;C:\\Windows', path.win32), 'Windows').toBe(
      'C:\\Users\\ana\\planalign\\.venv\\Scripts;C:\\Windows\\System32;C:\\Windows',
    );
    expect(planalignPath('python', 'C:\\Windows', path.win32), 'a bare name leaves PATH alone').toBe('C:\\Windows');
    expect(prependInterpreterFolder('/opt/pa/.venv/bin/python', '/usr/bin:/bin', path.posix), 'POSIX').toBe(
      '/opt/pa/.venv/bin:/usr/bin:/bin',
    );
  });

  it("resolves the matrix's python the Windows way: relative to the matrix file, else the checkout's .venv, else python", () => {
    const base = 'C:\\Users\\ana\\matrices';
    const checkout = 'C:\\Users\\ana\\planalign';
    const saved = process.env.THREADGATE_PLANALIGN_PYTHON;
    delete process.env.THREADGATE_PLANALIGN_PYTHON;
    try {
      expect(
        resolvePlanalignPython('..\\planalign\\.venv\\Scripts\\python.exe', base, checkout, path.win32),
        'relative to the matrix',
      ).toBe('C:\\Users\\ana\\planalign\\.venv\\Scripts\\python.exe');
      expect(resolvePlanalignPython('py', base, checkout, path.win32), 'a name stays a name').toBe('py');
      const venvPython = 'C:\\Users\\ana\\planalign\\.venv\\Scripts\\python.exe';
      expect(
        resolvePlanalignPython(undefined, base, checkout, path.win32, (file) => file === venvPython),
        "the checkout's venv",
      ).toBe(venvPython);
      expect(
        resolvePlanalignPython(undefined, base, checkout, path.win32, () => false),
        'no venv',
      ).toBe('python');
      expect(
        resolvePlanalignPython(undefined, '/m', '/pa', path.posix, (file) => file === '/pa/.venv/bin/python'),
        'POSIX venv',
      ).toBe('/pa/.venv/bin/python');
    } finally {
      if (saved !== undefined) process.env.THREADGATE_PLANALIGN_PYTHON = saved;
    }
  });
});

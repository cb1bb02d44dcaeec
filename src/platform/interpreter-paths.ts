// Where a virtualenv keeps its interpreter, and whether a command names a path or a program on
// PATH: the two differ on Windows (`.venv\Scripts\python.exe`, backslashes, no `python3`). Every
// function takes the path flavour (path.win32 or path.posix) so Windows' rules are tested here.
import path from 'node:path';

/** True when `command` is a path (relative or absolute) rather than a program name looked up on PATH. */
export function isPathLike(command: string, flavour: path.PlatformPath = path): boolean {
  // Windows accepts both separators; POSIX only its own (a backslash is a legal file-name character there).
  return command.includes('/') || (flavour.sep === '\\' && command.includes('\\'));
}

/** The interpreter of the virtualenv at `venv`: `Scripts\python.exe` on Windows, `bin/python` elsewhere. */
export function findVenvPython(venv: string, flavour: path.PlatformPath = path): string {
  return flavour.sep === '\\' ? flavour.join(venv, 'Scripts', 'python.exe') : flavour.join(venv, 'bin', 'python');
}

/** The interpreter to try when nothing names one: `python` on Windows (no python3 there), else `python3`. */
export function defaultPythonCommand(flavour: path.PlatformPath = path): string {
  return flavour.sep === '\\' ? 'python' : 'python3';
}

/** PATH with the interpreter's own folder first (where its virtualenv's scripts, such as dbt, live). */
export function prependInterpreterFolder(
  python: string,
  inheritedPath: string,
  flavour: path.PlatformPath = path,
): string {
  if (!isPathLike(python, flavour)) return inheritedPath;
  return [flavour.dirname(python), inheritedPath].filter(Boolean).join(flavour.delimiter);
}

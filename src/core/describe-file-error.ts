// File-system errors in plain words: users read "no such file or directory", not ENOENT.
// Every message that reports a failed read or write goes through here (issue 16: no raw errno codes).

const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EEXIST: 'a file of that name is in the way',
  ENOTEMPTY: 'the folder is not empty',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'it is busy',
  EINVAL: 'invalid argument',
};

/** "no such file or directory" for an error carrying ENOENT; an unknown code in words; else the message. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && PLAIN_WORDS[code]) return PLAIN_WORDS[code];
  const message = error instanceof Error ? error.message : String(error);
  // Node's own text ("ENOENT: no such file or directory, open '/x'") without the code and the path.
  const words = /^E[A-Z0-9]+: ([^,]+)/.exec(message)?.[1];
  return words ?? message;
}

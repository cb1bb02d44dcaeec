// Why a file could not be ATTACHed, in words a user can act on: DuckDB's own messages say "not a
// valid DuckDB database file" for an empty file and for a Parquet file alike (or, for a `.parquet`
// name, "Cannot launch in-memory database in read-only mode"), and name a lock conflict in terms of
// file locks. The file's first bytes tell what it is instead.
import { open } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** DuckDB's main header: an 8-byte checksum, then these magic bytes. */
const DUCKDB_MAGIC = { offset: 8, bytes: 'DUCK' } as const;

/** Known formats by their opening bytes, for "it is a … file". */
const SIGNATURES: readonly { readonly prefix: string; readonly name: string }[] = [
  { prefix: 'PAR1', name: 'a Parquet file' },
  { prefix: 'SQLite format 3\0', name: 'an SQLite database' },
  { prefix: '\x1f\x8b', name: 'a gzip file' },
  { prefix: 'PK\x03\x04', name: 'a zip file' },
  { prefix: '\x89HDF', name: 'an HDF5 file' },
];

/** DuckDB's lock-conflict message, with the holder's program and pid. */
const LOCK_CONFLICT = /Could not set lock on file .*?Conflicting lock is held in (.+?) \(PID (\d+)\)/s;

/** DuckDB's words for a database file it opened but could not read: truncated, or failing a checksum. */
const UNREADABLE = /^(IO Error|Serialization Error): (Corrupt database file|Could not read enough bytes|.*checksum)/;

/** The InputError for a database `file` that DuckDB refused to ATTACH with `error`. */
export async function explainAttachError(file: string, resolved: string, error: unknown): Promise<InputError> {
  const message = error instanceof Error ? error.message : String(error);
  const lock = LOCK_CONFLICT.exec(message);
  if (lock) {
    return new InputError(
      `database ${file}: held open for writing by another process (PID ${lock[2]}, ${lock[1]}); digest it once that process has closed it`,
      { cause: error },
    );
  }
  if (UNREADABLE.test(message)) return unreadable(`database ${file}`, message, error);
  const head = await readHead(resolved);
  const kind = head === null ? null : describeHead(head);
  if (kind !== null) return new InputError(`database ${file}: not a DuckDB database (${kind})`, { cause: error });
  const reason = message.split('\n')[0] ?? message;
  return new InputError(`database ${file}: cannot be opened as a DuckDB database (${reason})`, { cause: error });
}

async function readHead(resolved: string): Promise<Buffer | null> {
  try {
    const handle = await open(resolved, 'r');
    try {
      const buffer = Buffer.alloc(64);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** What the first bytes say the file is, or null when they look like DuckDB's own (then DuckDB's reason stands). */
function describeHead(head: Buffer): string | null {
  if (head.length === 0) return 'the file is empty';
  const magic = head.subarray(DUCKDB_MAGIC.offset, DUCKDB_MAGIC.offset + DUCKDB_MAGIC.bytes.length).toString('latin1');
  if (magic === DUCKDB_MAGIC.bytes) return null;
  const text = head.toString('latin1');
  const known = SIGNATURES.find((signature) => text.startsWith(signature.prefix));
  if (known) return `it is ${known.name}`;
  if (/^[\t\n\r\x20-\x7e]*$/.test(head.toString('utf8'))) return 'it is a text file';
  return 'no DuckDB header in its first bytes';
}

/**
 * Runs `action` over attached databases; DuckDB's "corrupt" or "truncated" errors, which surface only
 * once a block is read, become an InputError naming the file(s) rather than an internal error.
 */
export async function readingDatabases<T>(files: readonly string[], action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (error instanceof InputError || !UNREADABLE.test(message)) throw error;
    throw unreadable(`database ${files.join(' or ')}`, message, error);
  }
}

function unreadable(which: string, message: string, cause: unknown): InputError {
  return new InputError(`${which}: corrupt or truncated (${message.split('\n')[0]})`, { cause });
}

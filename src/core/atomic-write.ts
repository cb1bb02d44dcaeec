// The one way threadgate replaces a file: a reader (a CI step reading report.json, a resumed run
// reading journal.jsonl, PlanAlign reading its config) sees the old content or the new, never half.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The temporary file a replacement of `file` is written to: beside it (a rename within one folder
 * is atomic on POSIX and on NTFS), hidden, and named `.NAME.<pid>.<hex>.tmp` so that the run lock's
 * sweep (src/runner/run-lock.ts) recognises what a killed harness left behind.
 */
export function temporaryPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Replaces `file` with what `produce` writes to the temporary path it is given (DuckDB's COPY writes
 * a Parquet file itself), then renames it into place. On any failure the temporary file is removed
 * and the error is rethrown unchanged, for the caller to word (exit 2 before runs start, 74 after).
 */
export async function replaceFileAtomically(
  file: string,
  produce: (temporary: string) => Promise<void>,
): Promise<void> {
  const temporary = temporaryPathFor(file);
  try {
    await produce(temporary);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Replaces `file` with `data`, whole or not at all (see replaceFileAtomically). */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await replaceFileAtomically(file, (temporary) => writeFile(temporary, data));
}

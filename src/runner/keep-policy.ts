// Which run databases stay on disk (`keep`): a database identical to the reference run's proves
// nothing more and is deleted as soon as that is known; divergent and failed ones stay for `diff`.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseDigest } from '../digest/types.js';
import type { Configuration, KeepPolicy } from '../matrix/types.js';
import type { RunRecord } from './types.js';

/** The run every other is compared with: the first timed, successful, digested run of the reference configuration. */
export function findReferenceRecord(records: readonly RunRecord[], reference: Configuration): RunRecord | null {
  return (
    records.find(
      (record) =>
        !record.warmup && record.status === 'ok' && record.digests !== null &&
        record.threads === reference.threads && record.mode === reference.mode,
    ) ?? null
  );
}

/** True when both digests hold the same tables with the same counts and digests. */
export function sameDigests(a: DatabaseDigest, b: DatabaseDigest): boolean {
  const tables = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const table of tables) {
    const left = a[table];
    const right = b[table];
    if (!left || !right) return false;
    if (left.present !== right.present || left.rowCount !== right.rowCount || left.digest !== right.digest) return false;
  }
  return true;
}

export async function deleteDatabase(runDir: string, database: string): Promise<void> {
  const file = path.resolve(runDir, database);
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
}

/**
 * Deletes the databases the policy no longer needs. `final` is true once the matrix is over: then
 * `none` deletes everything and `failures` also lets the reference go when nothing diverged from it.
 * `deleted` holds the databases already deleted by earlier calls, which are not deleted again.
 */
export async function pruneDatabases(
  runDir: string,
  records: readonly RunRecord[],
  reference: Configuration,
  keep: KeepPolicy,
  final: boolean,
  deleted: Set<string>,
): Promise<void> {
  if (keep === 'all') return;
  const referenceRecord = findReferenceRecord(records, reference);
  const divergent = records.filter(
    (record) => record.status !== 'ok' || record.digests === null ||
      (referenceRecord?.digests != null && !sameDigests(record.digests, referenceRecord.digests)),
  );
  for (const record of records) {
    if (record.database === null || deleted.has(record.database)) continue;
    const isReference = record === referenceRecord;
    const matchesReference =
      referenceRecord?.digests != null && record.digests !== null && !isReference &&
      sameDigests(record.digests, referenceRecord.digests);
    // Under `failures`, a database is needed while it can still explain a divergence or a failure.
    const needed = isReference ? !final || divergent.length > 0 : !matchesReference;
    if (keep === 'none' ? final || matchesReference : !needed) {
      await deleteDatabase(runDir, record.database);
      deleted.add(record.database);
    }
  }
}

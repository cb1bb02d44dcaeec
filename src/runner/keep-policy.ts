// Which run databases stay on disk (`keep`): a database identical to the reference run's proves
// nothing more and is deleted as soon as that is known; divergent and failed ones stay for `diff`.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Configuration, KeepPolicy } from '../matrix/types.js';
import { findReferenceRecord, type RunRecord } from '../core/run-record.js';
import { sameDigests } from '../core/digest-record.js';

export async function deleteDatabase(runDir: string, database: string): Promise<void> {
  const file = path.resolve(runDir, database);
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
}

/**
 * Deletes the databases the policy no longer needs. `final` is true once the matrix is over: then
 * `none` deletes everything and `failures` also lets the reference go when nothing diverged from it.
 * `deleted` holds the databases already deleted by earlier calls, which are not deleted again.
 * `keepReference` keeps the reference database under `failures` at the end too: its md5 digest was not
 * taken, and `baseline save` may take it later.
 */
export async function pruneDatabases(
  runDir: string,
  records: readonly RunRecord[],
  reference: Configuration,
  keep: KeepPolicy,
  final: boolean,
  deleted: Set<string>,
  keepReference = false,
): Promise<void> {
  if (keep === 'all') return;
  const referenceRecord = findReferenceRecord(records, reference);
  const divergent = records.filter(
    (record) =>
      record.status !== 'ok' ||
      record.digests === null ||
      (referenceRecord?.digests != null && !sameDigests(record.digests, referenceRecord.digests)),
  );
  for (const record of records) {
    if (record.database === null || deleted.has(record.database)) continue;
    const isReference = record === referenceRecord;
    const matchesReference =
      referenceRecord?.digests != null &&
      record.digests !== null &&
      !isReference &&
      sameDigests(record.digests, referenceRecord.digests);
    // Under `failures`, a database is needed while it can still explain a divergence or a failure.
    const needed = isReference ? !final || divergent.length > 0 || keepReference : !matchesReference;
    if (keep === 'none' ? final || matchesReference : !needed) {
      await deleteDatabase(runDir, record.database);
      deleted.add(record.database);
    }
  }
}

// The reference run's md5 digest, taken after the fact for a command that reads it (`baseline save`, a
// gate or report against golden digests). `run` takes it only when something will read it (a baseline's
// golden digests, `--stable-digests`); otherwise the keep policy leaves the reference database on disk,
// and the first reader takes the digest from it here, into stable-digests.json, once for all readers.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { digestDatabase } from '../digest/digest-database.js';
import { MD5_ALGORITHM } from '../digest/md5-row-encoding.js';
import { readingDatabases } from '../duckdb/attach-error.js';
import { findReferenceRecord } from '../core/run-record.js';
import { hasCurrentStableDigests, takeStableDigests } from '../runner/stable-digests.js';
import type { LoadedRun } from './load-run.js';

/**
 * The run with its reference run's current (md5-v2) stable digests joined, taken now from its database
 * when missing; when they cannot be taken, the reference record says exactly why (`stableDigestsError`).
 */
export async function ensureStableDigests(run: LoadedRun): Promise<LoadedRun> {
  const { matrix } = run.planFile.plan;
  const reference = findReferenceRecord(run.records, matrix.reference);
  // No successful reference run: the verdict and the baseline refusal already say so.
  if (reference?.status !== 'ok' || !reference.digests || hasCurrentStableDigests(reference)) return run;
  const database = reference.database === null ? null : path.resolve(run.runDir, reference.database);
  if (
    database === null ||
    !(await access(database).then(
      () => true,
      () => false,
    ))
  ) {
    const older = reference.stableDigests
      ? `its stable digests were made by an older encoding, not ${MD5_ALGORITHM}, `
      : '';
    const why = `${older}the run did not take them (it does only when a baseline with golden digests or --stable-digests asks) and the reference database ${reference.database ?? ''} is gone (keep: ${matrix.keep}): run the matrix again with --stable-digests`;
    return {
      ...run,
      records: run.records.map((record) => (record === reference ? { ...record, stableDigestsError: why } : record)),
    };
  }
  const records = await takeStableDigests(
    run.runDir,
    run.records,
    matrix.reference,
    matrix.tables,
    (file, tables, options) => readingDatabases([file], () => digestDatabase(file, tables, options)),
  );
  return { ...run, records };
}

/** Whether a report's golden check will read the stable digests: the baseline holds golden digests. */
export function readsStableDigests(baseline: { readonly golden?: unknown } | null): boolean {
  return baseline?.golden != null;
}

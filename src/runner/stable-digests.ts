// The reference run's version-stable (md5) digests, taken only when something reads them, and then
// once the plan is complete rather than between runs. They cost several fast digests (~7× the native
// hash with md5-v2) and serve only what outlives the matrix — the golden-digests check and `baseline
// save` — so `run` takes them after the last run only when its baseline holds golden digests or
// `--stable-digests` asks; otherwise the keep policy leaves the reference database on disk and
// `baseline save` (or a gate against golden digests) takes them from it later (commands/ensure-stable-digests.ts).
//
// The journal's reference record is already written by then, so the digests go to a file of their own,
// stable-digests.json, which loadRun joins back onto that record: every reader sees `stableDigests` on
// the reference record as before (older run directories have it inline in the journal).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseDigest } from '../digest/types.js';
import { MD5_ALGORITHM } from '../digest/md5-row-encoding.js';
import { InputError } from '../core/errors.js';
import type { Configuration, KeepPolicy, TableSpec } from '../matrix/types.js';
import { pruneDatabases } from './keep-policy.js';
import { writeFileAtomically } from '../core/atomic-write.js';
import { HARNESS_DIGEST_LIMITS, type DigestDatabase } from './digest-run.js';
import { findReferenceRecord, type RunRecord } from '../core/run-record.js';
import { guardWrite } from '../core/write-failure.js';

/** The file beside journal.jsonl. */
export const STABLE_DIGESTS_FILE = 'stable-digests.json';

/** What stable-digests.json holds: the run they belong to and its md5 digests, or why there are none. */
export type StableDigestsFile =
  | { readonly run: string; readonly stableDigests: DatabaseDigest }
  | { readonly run: string; readonly error: string };

/** The file's contents, or null when there is none (not taken yet, or an older run directory). */
export async function readStableDigests(runDir: string): Promise<StableDigestsFile | null> {
  try {
    return JSON.parse(await readFile(path.join(runDir, STABLE_DIGESTS_FILE), 'utf8')) as StableDigestsFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`${path.join(runDir, STABLE_DIGESTS_FILE)}: ${(error as Error).message}`);
  }
}

/** True when the record's stable digests were made by this harness's md5 algorithm (older ones are re-taken). */
export function hasCurrentStableDigests(record: RunRecord): boolean {
  return (
    record.stableDigests != null &&
    Object.values(record.stableDigests).every((table) => !table.present || table.algorithm === MD5_ALGORITHM)
  );
}

/** The records with the file's digests (or its error) joined onto the run they belong to (the same array when there is nothing to join). */
export function joinStableDigests(records: RunRecord[], file: StableDigestsFile | null): RunRecord[] {
  if (!file) return records;
  const joined = 'stableDigests' in file ? { stableDigests: file.stableDigests } : { stableDigestsError: file.error };
  return records.map((record) =>
    record.id === file.run && !hasCurrentStableDigests(record) ? { ...record, ...joined } : record,
  );
}

/**
 * md5-digests the reference run's database (table and group digests; the md5 column digests would
 * cost n+1 md5s a row) unless it already has stable digests of the current algorithm, writes
 * stable-digests.json and returns the records with them joined. A digest that fails is recorded there
 * with its reason instead: the golden check and `baseline save` then name it, and nothing measured is lost.
 */
export async function takeStableDigests(
  runDir: string,
  records: RunRecord[],
  reference: Configuration,
  tables: Readonly<Record<string, TableSpec>>,
  digest: DigestDatabase,
): Promise<RunRecord[]> {
  const referenceRecord = findReferenceRecord(records, reference);
  if (!referenceRecord || hasCurrentStableDigests(referenceRecord) || referenceRecord.database === null) return records;
  let file: StableDigestsFile;
  try {
    const stableDigests = await digest(path.resolve(runDir, referenceRecord.database), tables, {
      ...HARNESS_DIGEST_LIMITS,
      kind: 'stable',
      columns: false,
    });
    file = { run: referenceRecord.id, stableDigests };
  } catch (error) {
    file = {
      run: referenceRecord.id,
      error: `the md5 digest of ${referenceRecord.database} failed: ${(error as Error).message}`,
    };
  }
  const target = path.join(runDir, STABLE_DIGESTS_FILE);
  await guardWrite('the stable digests', target, runDir, () =>
    writeFileAtomically(target, `${JSON.stringify(file)}\n`),
  );
  return joinStableDigests(records, file);
}

/**
 * The end of a complete plan: the reference run's md5 digest when `take` (something will read it), then
 * the final pruning — which keeps the reference database when its md5 digest is still to be taken.
 */
export async function finishStableDigests(
  runDir: string,
  records: RunRecord[],
  matrix: {
    readonly reference: Configuration;
    readonly tables: Readonly<Record<string, TableSpec>>;
    readonly keep: KeepPolicy;
  },
  options: { readonly digest: DigestDatabase; readonly take: boolean },
  deleted: Set<string>,
): Promise<RunRecord[]> {
  const taken = options.take
    ? await takeStableDigests(runDir, records, matrix.reference, matrix.tables, options.digest)
    : records;
  const reference = findReferenceRecord(taken, matrix.reference);
  const keepReference = reference !== null && !hasCurrentStableDigests(reference);
  await pruneDatabases(runDir, taken, matrix.reference, matrix.keep, true, deleted, keepReference);
  return taken;
}

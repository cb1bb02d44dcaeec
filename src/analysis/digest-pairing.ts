// Which digests two runs are compared by. A fast digest (DuckDB's hash()) means something only beside
// another made by the same algorithm and DuckDB version; runs whose digests were made otherwise (shards
// merged from two DuckDB versions, a journal resumed across an upgrade) fall back to their version-stable
// md5 digests when both have them, and are otherwise not compared at all — never compared wrongly.
import type { DatabaseDigest } from '../digest/types.js';
import type { RunRecord } from '../core/run-record.js';

/** What made a database's digests, e.g. `fast-v1 (DuckDB v1.5.6)`; null when no table is present. */
export function describeDigestAlgorithm(digest: DatabaseDigest): string | null {
  const made = new Set(
    Object.values(digest)
      .filter((table) => table.present)
      .map((table) =>
        table.algorithm === 'fast-v1'
          ? `fast-v1 (DuckDB ${table.duckdbVersion ?? 'unknown'})`
          : (table.algorithm ?? 'md5 (before schema digests)'),
      ),
  );
  return made.size === 0 ? null : [...made].sort().join(' + ');
}

function madeAlike(a: DatabaseDigest, b: DatabaseDigest): boolean {
  const madeA = describeDigestAlgorithm(a);
  const madeB = describeDigestAlgorithm(b);
  // A database with no table present compares with anything: absence is absence.
  return madeA === null || madeB === null || madeA === madeB;
}

/** The digests two runs are compared by: their own when made alike, else their stable ones; null when neither. */
export function pairDigests(
  a: RunRecord,
  b: RunRecord,
): { readonly a: DatabaseDigest; readonly b: DatabaseDigest } | null {
  if (a.digests && b.digests && madeAlike(a.digests, b.digests)) return { a: a.digests, b: b.digests };
  if (a.stableDigests && b.stableDigests && madeAlike(a.stableDigests, b.stableDigests))
    return { a: a.stableDigests, b: b.stableDigests };
  return null;
}

/** The version-stable (md5) digests of a run: its stableDigests, or its digests when those are md5; else null. */
export function findStableDigests(run: RunRecord): DatabaseDigest | null {
  if (run.stableDigests) return run.stableDigests;
  if (run.digests && Object.values(run.digests).every((table) => table.algorithm !== 'fast-v1')) return run.digests;
  return null;
}

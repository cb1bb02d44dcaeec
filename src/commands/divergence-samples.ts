// Sample rows for each divergence, from a diff of the run's kept database against the reference's.
// Cached in runs/<id>/samples.json so `threadgate report` can rebuild them after databases are pruned.
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeterminismVerdict, Divergence } from '../analysis/types.js';
import type { DatabaseDiff } from '../digest/types.js';
import type { TableSpec } from '../matrix/types.js';
import { runFolder } from '../runner/run-directory.js';
import type { RunRecord } from '../core/run-record.js';

type Samples = NonNullable<Divergence['samples']>;
export type DiffDatabases = (
  a: string,
  b: string,
  tables: Readonly<Record<string, TableSpec>>,
  options?: { samples?: number },
) => Promise<DatabaseDiff>;

const SAMPLES_FILE = 'samples.json';
const SAMPLE_ROWS = 5;

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Returns the verdict with `samples` filled wherever both databases (or a cached diff) exist. */
export async function attachDivergenceSamples(
  runDir: string,
  verdict: DeterminismVerdict,
  records: readonly RunRecord[],
  tables: Readonly<Record<string, TableSpec>>,
  diffDatabases: DiffDatabases,
): Promise<DeterminismVerdict> {
  const reference = records.find((record) => record.id === verdict.reference?.run);
  const divergences: Divergence[] = [];
  for (const divergence of verdict.divergences) {
    const record = records.find((candidate) => candidate.id === divergence.run);
    const samples =
      reference && record ? await samplesFor(runDir, reference, record, divergence.table, tables, diffDatabases) : null;
    divergences.push({ ...divergence, samples });
  }
  return { ...verdict, divergences };
}

async function samplesFor(
  runDir: string,
  reference: RunRecord,
  record: RunRecord,
  table: string,
  tables: Readonly<Record<string, TableSpec>>,
  diffDatabases: DiffDatabases,
): Promise<Samples | null> {
  const cacheFile = path.join(runFolder(runDir, record.id), SAMPLES_FILE);
  const cache = await readFile(cacheFile, 'utf8').then(
    (text) => JSON.parse(text) as Record<string, Samples>,
    () => ({}) as Record<string, Samples>,
  );
  if (cache[table]) return cache[table];
  if (reference.database === null || record.database === null) return null;
  const referenceDb = path.resolve(runDir, reference.database);
  const runDb = path.resolve(runDir, record.database);
  if (!(await exists(referenceDb)) || !(await exists(runDb))) return null;
  const spec = tables[table];
  if (!spec) return null;
  const diff = await diffDatabases(referenceDb, runDb, { [table]: spec }, { samples: SAMPLE_ROWS });
  const tableDiff = diff.tables.find((candidate) => candidate.table === table);
  if (!tableDiff) return null;
  const samples: Samples = { reference: tableDiff.onlyInA, run: tableDiff.onlyInB };
  await writeFile(cacheFile, JSON.stringify({ ...cache, [table]: samples }, null, 2));
  return samples;
}

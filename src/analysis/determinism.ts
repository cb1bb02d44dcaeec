// The determinism verdict: every successful run's table digests against one reference run, with
// each divergence localized to groups, a first year and columns.
import { compareSchemas, type SchemaChange } from '../digest/schema.js';
import { describeDigestAlgorithm, pairDigests } from './digest-pairing.js';
import type { TableDigest } from '../digest/types.js';
import { configKey, type Configuration } from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import type { DeterminismVerdict, Divergence } from './types.js';

type Digested = RunRecord & { readonly digests: NonNullable<RunRecord['digests']> };

function isDigested(run: RunRecord): run is Digested {
  return run.status === 'ok' && run.digests !== null;
}

const ABSENT = { present: false, rowCount: 0, digest: '' } as const;

function tableSignature(table: Pick<TableDigest, 'present' | 'rowCount' | 'digest'> | undefined): string {
  const t = table ?? ABSENT;
  return t.present ? `${t.rowCount}:${t.digest}` : 'absent';
}

// Labels of groups present on only one side or with different digests (union of both sides).
function differingGroups(a: TableDigest | undefined, b: TableDigest | undefined): string[] {
  const sideA = new Map((a?.groups ?? []).map((g) => [g.label, `${g.rowCount}:${g.digest}`]));
  const sideB = new Map((b?.groups ?? []).map((g) => [g.label, `${g.rowCount}:${g.digest}`]));
  const labels = new Set([...sideA.keys(), ...sideB.keys()]);
  return [...labels].filter((label) => sideA.get(label) !== sideB.get(label)).sort();
}

// The earliest simulation year among the differing groups, from `simulation_year=YYYY` labels or the key.
function findFirstYear(groups: readonly string[], tables: readonly (TableDigest | undefined)[]): number | null {
  const years: number[] = [];
  for (const label of groups) {
    const match = /simulation_year=(\d{4})/.exec(label);
    if (match) years.push(Number(match[1]));
  }
  if (years.length === 0) {
    for (const table of tables) {
      const index = table?.groupBy.indexOf('simulation_year') ?? -1;
      if (!table || index < 0) continue;
      for (const group of table.groups) {
        const value = group.key[index];
        if (groups.includes(group.label) && value != null && /^\d+$/.test(value)) years.push(Number(value));
      }
    }
  }
  return years.length > 0 ? Math.min(...years) : null;
}

// Columns c whose leave-one-out digests agree: every difference lies in c.
function differingColumns(a: TableDigest | undefined, b: TableDigest | undefined): string[] {
  if (!a?.present || !b?.present) return [];
  return Object.keys(a.columnDigests).filter(
    (column) => b.columnDigests[column] !== undefined && a.columnDigests[column] === b.columnDigests[column],
  );
}

function chooseReference(
  digested: readonly Digested[],
  reference: Configuration,
): { run: Digested | null; note: string | null } {
  const exact = digested.find((run) => !run.warmup && run.threads === reference.threads && run.mode === reference.mode);
  if (exact) return { run: exact, note: null };
  const fallback = digested.find((run) => !run.warmup) ?? digested[0];
  if (fallback) {
    return {
      run: fallback,
      note: `no successful digested timed run of the reference configuration ${configKey(reference)}; compared against ${fallback.id} instead`,
    };
  }
  return { run: null, note: 'no successful run with digests: nothing to compare' };
}

// Judges determinism over the journal: warmups included (they are real runs), failed runs skipped.
export function judgeDeterminism(runs: readonly RunRecord[], reference: Configuration): DeterminismVerdict {
  const digested = runs.filter(isDigested);
  const chosen = chooseReference(digested, reference);
  const configurations: Record<string, 'pass' | 'fail' | 'no-data'> = {};
  for (const run of runs) configurations[configKey(run)] ??= 'no-data';
  for (const run of digested) configurations[configKey(run)] = 'pass';
  const ref = chosen.run;
  if (!ref) {
    return {
      verdict: 'skipped',
      reference: null,
      referenceNote: chosen.note,
      compared: 0,
      divergences: [],
      configurations,
    };
  }
  const divergences: Divergence[] = [];
  const others = digested.filter((run) => run !== ref);
  const uncompared: Digested[] = [];
  for (const run of others) {
    const pair = pairDigests(ref, run);
    if (!pair) {
      uncompared.push(run);
      continue;
    }
    const tables = [...new Set([...Object.keys(pair.a), ...Object.keys(pair.b)])].sort();
    for (const table of tables) {
      const a = pair.a[table];
      const b = pair.b[table];
      const schemaChanges = findSchemaChanges(a, b);
      if (schemaChanges.length === 0 && tableSignature(a) === tableSignature(b)) continue;
      const sameConfiguration = digested.filter((other) => other.threads === run.threads && other.mode === run.mode);
      const repeated = new Set(sameConfiguration.map((other) => tableSignature(other.digests[table]))).size > 1;
      // A schema divergence is judged before the rows: rows of different schemas are not compared.
      const { groups, firstYear, columns } =
        schemaChanges.length > 0
          ? { groups: [], firstYear: null, columns: schemaChanges.map((change) => change.column) }
          : localizeDifference(a, b);
      divergences.push({
        run: run.id,
        threads: run.threads,
        mode: run.mode,
        table,
        kind: schemaChanges.length > 0 ? 'schema' : repeated ? 'repetition' : 'configuration',
        alsoDiffersOnRepetition: repeated,
        rowCounts: { reference: a?.present ? a.rowCount : 0, run: b?.present ? b.rowCount : 0 },
        groups,
        firstYear,
        columns,
        schemaChanges,
        samples: null,
      });
      configurations[configKey(run)] = 'fail';
    }
  }
  return {
    verdict: divergences.length > 0 ? 'fail' : others.length - uncompared.length === 0 ? 'skipped' : 'pass',
    reference: { run: ref.id, threads: ref.threads, mode: ref.mode },
    referenceNote: joinNotes(
      chosen.note,
      describeUncompared(
        ref,
        others.filter((run) => !uncompared.includes(run)),
        uncompared,
        configurations,
      ),
    ),
    compared: others.length - uncompared.length,
    divergences,
    configurations,
  };
}

function joinNotes(...notes: (string | null)[]): string | null {
  const given = notes.filter((note): note is string => note !== null);
  return given.length === 0 ? null : given.join('; ');
}

// Runs whose digests were made otherwise than the reference's and that have no stable digests to fall
// back to: said plainly; a configuration none of whose runs was compared stays 'no-data'.
function describeUncompared(
  ref: Digested,
  compared: readonly Digested[],
  uncompared: readonly Digested[],
  configurations: Record<string, string>,
): string | null {
  if (uncompared.length === 0) return null;
  const comparedKeys = new Set([ref, ...compared].map(configKey));
  for (const run of uncompared) if (!comparedKeys.has(configKey(run))) configurations[configKey(run)] = 'no-data';
  const listed = uncompared
    .slice(0, 5)
    .map((run) => `${run.id} (${describeDigestAlgorithm(run.digests) ?? 'no tables'})`)
    .join(', ');
  return `${uncompared.length} run(s) cannot be compared with the reference, whose digests are ${describeDigestAlgorithm(ref.digests) ?? 'of no table'}, and have no stable digests to fall back to: ${listed}${uncompared.length > 5 ? ', …' : ''}`;
}

/** The columns whose name, type or nullability differ; none when either side is absent or predates schema digests. */
export function findSchemaChanges(a: TableDigest | undefined, b: TableDigest | undefined): SchemaChange[] {
  if (!a?.present || !b?.present || !a.schema || !b.schema) return [];
  return compareSchemas(a.schema, b.schema);
}

/** Where two digests of one table differ: the groups, the first year, and the columns that explain it. */
export function localizeDifference(
  a: TableDigest | undefined,
  b: TableDigest | undefined,
): { groups: string[]; firstYear: number | null; columns: string[] } {
  const groups = differingGroups(a, b);
  return { groups, firstYear: findFirstYear(groups, [a, b]), columns: differingColumns(a, b) };
}

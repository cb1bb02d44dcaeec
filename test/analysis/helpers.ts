// Builders of journal records and digests for the analysis tests.
import type { TableDigest } from '../../src/digest/types.js';
import type { ThreadingMode } from '../../src/matrix/types.js';
import type { RunRecord } from '../../src/core/run-record.js';

export function makeRun(
  fields: Partial<RunRecord> & { threads: number; mode: ThreadingMode; rep?: number },
): RunRecord {
  const rep = fields.rep ?? 1;
  return {
    id: `t${fields.threads}-${fields.mode}-${fields.warmup ? 'w' : 'r'}${rep}`,
    rep,
    warmup: false,
    status: 'ok',
    exitCode: 0,
    signal: null,
    startedAt: '2026-01-01T00:00:00Z',
    wallMs: 1000,
    cpuMs: 1000,
    peakRssBytes: 100 * 2 ** 20,
    meanCores: 1,
    peakCores: 1,
    digests: null,
    digestError: null,
    database: null,
    stdoutTail: '',
    stderrTail: '',
    stages: [],
    error: null,
    ...fields,
  };
}

// Timed runs of one configuration, one per wall time.
export function makeRuns(
  threads: number,
  mode: ThreadingMode,
  wallsMs: readonly number[],
  extra: Partial<RunRecord> = {},
): RunRecord[] {
  return wallsMs.map((wallMs, i) => makeRun({ threads, mode, rep: i + 1, wallMs, ...extra }));
}

// A table digest with per-year groups and per-column leave-one-out digests.
export function makeTable(
  table: string,
  groups: Record<string, string>,
  columns: Record<string, string>,
  rowCount = 100,
): TableDigest {
  const labels = Object.keys(groups);
  return {
    table,
    present: true,
    rowCount,
    digest: labels.map((l) => groups[l]).join('') + Object.values(columns).join(''),
    columns: Object.keys(columns),
    exempt: ['created_at'],
    groupBy: ['simulation_year'],
    columnDigests: columns,
    groups: labels.map((label) => ({
      key: [label.split('=')[1] ?? null],
      label,
      rowCount: rowCount / labels.length,
      digest: groups[label]!,
    })),
  };
}

// checkAgainstBaseline over hand-built journals and digests: golden digests compared and localized,
// every reason to skip said plainly, and timings judged only against the same machine's.
import { describe, expect, it } from 'vitest';
import { summarizePerformance } from '../../src/analysis/performance.js';
import {
  checkAgainstBaseline,
  describeKeyDifference,
  type BaselineCheckInput,
} from '../../src/baselines/check-baseline.js';
import { outputKeyOf } from '../../src/baselines/output-key.js';
import type { BaselineConfiguration, BaselineFile } from '../../src/baselines/types.js';
import type { DatabaseDigest, TableDigest } from '../../src/digest/types.js';
import { resolveMatrix } from '../../src/matrix/load-matrix.js';
import type { ThreadingMode } from '../../src/matrix/types.js';
import type { HardwareFingerprint } from '../../src/monitor/types.js';
import type { RunRecord } from '../../src/core/run-record.js';

const MATRIX = resolveMatrix(
  {
    name: 'tiny',
    target: { kind: 'builtin', employees: 300, years: '2025-2026', seed: 42 },
    threads: [1, 2],
    modes: ['sequential'],
    repetitions: 1,
    warmup: 0,
  },
  null,
);

const HERE: HardwareFingerprint = {
  id: 'hw-here',
  cpuModel: 'AMD EPYC',
  physicalCores: 2,
  logicalCores: 2,
  memoryBytes: 2 ** 34,
  os: 'Debian 12',
  arch: 'x64',
  hostname: 'vm',
  nodeVersion: 'v20',
  duckdbVersion: 'v1.5.6',
};

const COLUMNS = ['employee_id', 'event_type', 'simulation_year', 'compensation_amount'];
const GROUPS = [
  'simulation_year=2025, event_type=hire',
  'simulation_year=2025, event_type=termination',
  'simulation_year=2026, event_type=hire',
];

// A table digest whose group digests and leave-one-out column digests are derived from `tag`;
// `changed` overrides single entries, as a real change in one column of one group would.
function makeEvents(
  tag: string,
  changed: { groups?: Record<string, string>; columns?: Record<string, string>; schema?: TableDigest['schema'] } = {},
): TableDigest {
  const groups = GROUPS.map((label) => {
    const [year, type] = label.split(', ').map((part) => part.split('=')[1]!);
    return { key: [year!, type!], label, rowCount: 50, digest: changed.groups?.[label] ?? `${tag}:${label}` };
  });
  const columnDigests = Object.fromEntries(
    COLUMNS.map((column) => [column, changed.columns?.[column] ?? `${tag}:-${column}`]),
  );
  return {
    table: 'fct_yearly_events',
    present: true,
    rowCount: 150,
    digest: `${tag}:${groups.map((g) => g.digest).join('|')}`,
    columns: COLUMNS,
    exempt: ['created_at'],
    groupBy: ['simulation_year', 'event_type'],
    columnDigests,
    groups,
    schema:
      changed.schema ??
      COLUMNS.map((name) => ({ name, type: name === 'compensation_amount' ? 'DOUBLE' : 'VARCHAR', nullable: true })),
  };
}

function makeSnapshot(tag: string): TableDigest {
  return {
    table: 'fct_workforce_snapshot',
    present: true,
    rowCount: 600,
    digest: `${tag}:snapshot`,
    columns: ['employee_id', 'simulation_year'],
    exempt: ['snapshot_created_at'],
    groupBy: ['simulation_year'],
    columnDigests: { employee_id: `${tag}:-id`, simulation_year: `${tag}:-year` },
    schema: [
      { name: 'employee_id', type: 'VARCHAR', nullable: true },
      { name: 'simulation_year', type: 'INTEGER', nullable: true },
    ],
    groups: [
      { key: ['2025'], label: 'simulation_year=2025', rowCount: 300, digest: `${tag}:2025` },
      { key: ['2026'], label: 'simulation_year=2026', rowCount: 300, digest: `${tag}:2026` },
    ],
  };
}

const GOLDEN: DatabaseDigest = { fct_yearly_events: makeEvents('g'), fct_workforce_snapshot: makeSnapshot('g') };

function makeRecord(
  threads: number,
  mode: ThreadingMode,
  rep: number,
  wallMs: number,
  digests: DatabaseDigest | null,
): RunRecord {
  return {
    id: `t${threads}-${mode}-r${rep}`,
    threads,
    mode,
    rep,
    warmup: false,
    status: 'ok',
    exitCode: 0,
    signal: null,
    startedAt: '2026-01-01T00:00:00Z',
    wallMs,
    cpuMs: wallMs,
    peakRssBytes: 2 ** 27,
    meanCores: 1,
    peakCores: 1,
    digests,
    digestError: null,
    database: null,
    stdoutTail: '',
    stderrTail: '',
    stages: [],
    error: null,
  };
}

// Timed runs of t1 and t2 sequential, one per wall time, all with the given digests.
function makeRecords(wallsMs: Record<string, readonly number[]>, digests: DatabaseDigest | null = GOLDEN): RunRecord[] {
  return Object.entries(wallsMs).flatMap(([key, walls]) =>
    walls.map((ms, i) => makeRecord(Number(key.slice(1, key.indexOf('-'))), 'sequential', i + 1, ms, digests)),
  );
}

function makeBaseline(
  fields: {
    performance?: Record<string, readonly BaselineConfiguration[]>;
    golden?: DatabaseDigest | null;
    outputKey?: string;
  } = {},
): BaselineFile {
  const performance = Object.fromEntries(
    Object.entries(fields.performance ?? {}).map(([id, configurations]) => [
      id,
      {
        hardware: { ...HERE, id },
        savedAt: '2026-01-01T00:00:00Z',
        commit: 'abc1234',
        targetVersion: 'threadgate-reference 0.1.0',
        configurations,
      },
    ]),
  );
  const tables = fields.golden === undefined ? GOLDEN : fields.golden;
  return {
    schemaVersion: 1,
    matrix: 'tiny',
    outputKey: fields.outputKey ?? outputKeyOf(MATRIX.target),
    golden:
      tables === null
        ? null
        : {
            savedAt: '2026-01-01T00:00:00Z',
            commit: 'abc1234',
            targetVersion: 'threadgate-reference 0.1.0',
            reference: { threads: 1, mode: 'sequential' },
            tables,
          },
    performance,
  };
}

function makeFigures(key: string, samplesMs: readonly number[]): BaselineConfiguration {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    key,
    threads: Number(key.slice(1, key.indexOf('-'))),
    mode: 'sequential',
    samplesMs,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
  };
}

function check(baseline: BaselineFile | null, records: readonly RunRecord[], hardware = HERE) {
  const input: BaselineCheckInput = {
    baseline,
    matrix: MATRIX,
    records,
    performance: summarizePerformance(records),
    hardware,
  };
  return checkAgainstBaseline(input);
}

const ONE_EACH = { 't1-sequential': [1000], 't2-sequential': [700] };

describe('golden digests', () => {
  it('pass when the reference run reproduces every golden table', () => {
    const result = check(makeBaseline(), makeRecords(ONE_EACH));
    expect(result.golden.status, 'status').toBe('pass');
    expect(result.golden.message, 'message').toBe(
      '2 table(s) identical to the golden digests (saved 2026-01-01T00:00:00Z at abc1234)',
    );
    expect(result.golden.tables, 'no differences').toEqual([]);
  });

  it('fail localized to the changed group and the one column that explains it', () => {
    const label = 'simulation_year=2026, event_type=hire';
    // Leaving compensation_amount out makes the digests agree again; leaving any other column out does not.
    const changed = makeEvents('g', {
      groups: { [label]: 'changed' },
      columns: { employee_id: 'x1', event_type: 'x2', simulation_year: 'x3' },
    });
    const records = makeRecords(ONE_EACH, { ...GOLDEN, fct_yearly_events: { ...changed, digest: 'changed-table' } });
    const result = check(makeBaseline(), records);
    expect(result.golden.status, 'status').toBe('fail');
    expect(
      result.golden.tables.map((t) => t.table),
      'tables',
    ).toEqual(['fct_yearly_events']);
    const [difference] = result.golden.tables;
    expect(difference?.groups, 'groups').toEqual([label]);
    expect(difference?.columns, 'columns').toEqual(['compensation_amount']);
    expect(difference?.firstYear, 'first year').toBe(2026);
    expect(difference?.rowCounts, 'row counts').toEqual({ golden: 150, run: 150 });
    expect(result.golden.message, 'one-line message').toBe(
      'fct_yearly_events differs from the golden digests: groups simulation_year=2026, event_type=hire: column compensation_amount',
    );
  });

  it("compares the reference configuration's run, not a divergent other one", () => {
    const other = { ...GOLDEN, fct_workforce_snapshot: { ...makeSnapshot('g'), digest: 'other' } };
    const records = [makeRecord(2, 'sequential', 1, 700, other), makeRecord(1, 'sequential', 1, 1000, GOLDEN)];
    expect(check(makeBaseline(), records).golden.status, 'status').toBe('pass');
  });

  it('fail on a table missing from the run, saying the rows went', () => {
    const result = check(makeBaseline(), makeRecords(ONE_EACH, { fct_yearly_events: GOLDEN['fct_yearly_events']! }));
    expect(result.golden.status, 'status').toBe('fail');
    expect(result.golden.message, 'message').toMatch(
      /^fct_workforce_snapshot differs from the golden digests: rows 600 → 0: groups simulation_year=2025; simulation_year=2026$/,
    );
  });

  it('fail on a retyped column, named with both types before any row comparison', () => {
    const schema = COLUMNS.map((name) => ({
      name,
      type: name === 'compensation_amount' ? 'DECIMAL(12,2)' : 'VARCHAR',
      nullable: true,
    }));
    const records = makeRecords(ONE_EACH, { ...GOLDEN, fct_yearly_events: makeEvents('r', { schema }) });
    const result = check(makeBaseline(), records);
    expect(result.golden.status, 'status').toBe('fail');
    expect(result.golden.tables[0]?.schemaChanges, 'changes').toEqual([
      { column: 'compensation_amount', change: 'retyped', reference: 'DOUBLE', run: 'DECIMAL(12,2)' },
    ]);
    expect(result.golden.message, 'message').toBe(
      'fct_yearly_events differs from the golden digests: schema: column compensation_amount retyped DOUBLE → DECIMAL(12,2)',
    );
  });

  it('are skipped with a note to re-save when the baseline predates schema digests', () => {
    const legacy = Object.fromEntries(
      Object.entries(GOLDEN).map(([name, table]) => [name, { ...table, schema: undefined }]),
    );
    const result = check(makeBaseline({ golden: legacy }), makeRecords(ONE_EACH));
    expect(result.golden.status, 'status').toBe('skipped');
    expect(result.golden.message, 'message').toMatch(
      /predate schema digests and cannot be compared: re-save them with `threadgate baseline save/,
    );
  });

  it('are refused in one line, never compared, when the golden digests were made by the older md5-v1 encoding', () => {
    const made = (digests: DatabaseDigest, algorithm: 'md5-v1' | 'md5-v2'): DatabaseDigest =>
      Object.fromEntries(Object.entries(digests).map(([name, table]) => [name, { ...table, algorithm }]));
    const records = makeRecords(ONE_EACH).map((record) => ({ ...record, stableDigests: made(GOLDEN, 'md5-v2') }));
    const result = check(makeBaseline({ golden: made(GOLDEN, 'md5-v1') }), records);
    expect(result.golden.status, 'status').toBe('skipped');
    expect(result.golden.message, 'message').toBe(
      "the baseline's golden digests (saved 2026-01-01T00:00:00Z at abc1234) were made by md5-v1, this run's by md5-v2: they are not compared; re-save them with `threadgate baseline save RUN_DIR --to FILE`",
    );
    expect(
      check(makeBaseline({ golden: made(GOLDEN, 'md5-v2') }), records).golden.status,
      'the same encoding is compared',
    ).toBe('pass');
  });

  it('are skipped, with the reason, without a baseline, golden set, matching inputs or reference run', () => {
    expect(check(null, makeRecords(ONE_EACH)).golden, 'no baseline').toEqual({
      status: 'skipped',
      message: 'no baseline given (--baseline FILE, or save one with `threadgate baseline save`)',
      tables: [],
    });
    expect(check(makeBaseline({ golden: null }), makeRecords(ONE_EACH)).golden.message, 'no golden set').toBe(
      'the baseline holds no golden digests',
    );
    const noReference = makeRecords({ 't2-sequential': [700] });
    expect(check(makeBaseline(), noReference).golden.message, 'no reference run').toBe(
      'no successful reference run to compare with the golden digests',
    );
  });

  it('are skipped when the baseline is for other target inputs, naming the inputs that differ', () => {
    const baseline = makeBaseline({ outputKey: 'builtin employees=2000 years=2025-2027 seed=42 scenario=default' });
    const result = check(baseline, makeRecords(ONE_EACH));
    expect(result.golden.status, 'status').toBe('skipped');
    expect(result.golden.message, 'message').toBe(
      'baseline is for other target inputs (employees 2000 → 300, years 2025-2027 → 2025-2026): its golden digests and timings do not apply',
    );
    expect(result.performance, 'performance skipped alike').toEqual({ skipped: result.golden.message });
  });
});

describe('describeKeyDifference', () => {
  it('names changed inputs, and whole keys when the kind changed', () => {
    expect(describeKeyDifference('command ["a", "b"] seed=1', 'command ["a", "c"] seed=1'), 'command argv').toBe(
      'command ["a", "b"] → ["a", "c"]',
    );
    expect(
      describeKeyDifference(
        'planalign config=a.yaml years=2025-2026 seed=1',
        'builtin employees=5 years=2025-2026 seed=1 scenario=x',
      ),
      'kinds',
    ).toBe(
      'target planalign config=a.yaml years=2025-2026 seed=1 → builtin employees=5 years=2025-2026 seed=1 scenario=x',
    );
  });
});

describe('performance', () => {
  it('is skipped without a baseline', () => {
    expect(check(null, makeRecords(ONE_EACH)).performance, 'skipped').toEqual({
      skipped: 'no baseline given (--baseline FILE, or save one with `threadgate baseline save`)',
    });
  });

  it("is never compared with other hardware's figures, and says whose they are", () => {
    const baseline = makeBaseline({
      performance: { 'hw-aaaa': [makeFigures('t1-sequential', [10, 10, 10, 10, 10, 10])], 'hw-bbbb': [] },
    });
    const result = check(baseline, makeRecords({ 't1-sequential': [1000, 1000, 1000, 1000, 1000, 1000] }));
    expect(result.performance, 'skipped').toEqual({
      skipped:
        'baseline holds figures for hw-aaaa, hw-bbbb, not this machine (hw-here): timings from other hardware are never compared',
    });
    expect(result.golden.status, 'golden still checked').toBe('pass');
  });

  it('flags a large slowdown over six tight samples on the same hardware as a regression', () => {
    const baseline = makeBaseline({
      performance: { 'hw-here': [makeFigures('t1-sequential', [1000, 1004, 998, 1002, 1001, 999, 1003, 997])] },
    });
    const result = check(baseline, makeRecords({ 't1-sequential': [1500, 1503, 1498, 1502, 1499, 1501] }));
    expect(Array.isArray(result.performance), 'compared').toBe(true);
    const [comparison] = result.performance as readonly {
      key: string;
      verdict: string;
      rule: string;
      ratio: number | null;
    }[];
    expect(comparison?.key, 'key').toBe('t1-sequential');
    expect(comparison?.rule, 'rule').toBe('rank-test');
    expect(comparison?.verdict, 'verdict').toBe('regression');
    expect(comparison?.ratio, 'ratio').toBeCloseTo(1.5, 2);
  });

  it('does not flag a large change over three noisy samples', () => {
    const baseline = makeBaseline({ performance: { 'hw-here': [makeFigures('t1-sequential', [900, 1000, 1600])] } });
    const result = check(baseline, makeRecords({ 't1-sequential': [700, 1300, 2100] }));
    const [comparison] = result.performance as readonly { verdict: string; rule: string; ratio: number | null }[];
    expect(comparison?.ratio, 'median +30%').toBeCloseTo(1.3, 2);
    expect(comparison?.rule, 'rule').toBe('intervals');
    expect(comparison?.verdict, 'verdict').toBe('unchanged');
  });

  it('compares only configurations this run attempted, and says when one has no samples', () => {
    const failed = { ...makeRecord(2, 'sequential', 1, 0, null), status: 'failed' as const, exitCode: 1 };
    const baseline = makeBaseline({
      performance: {
        'hw-here': [
          makeFigures('t1-sequential', [1000, 1000, 1000]),
          makeFigures('t2-sequential', [700, 700, 700]),
          makeFigures('t4-sequential', [500, 500, 500]),
        ],
      },
    });
    const result = check(baseline, [...makeRecords({ 't1-sequential': [1000, 1001, 999] }), failed]);
    const comparisons = result.performance as readonly { key: string; verdict: string; message: string }[];
    expect(
      comparisons.map((c) => c.key),
      'keys',
    ).toEqual(['t1-sequential', 't2-sequential']);
    expect(comparisons[1]?.verdict, 't2 not judged').toBe('insufficient-data');
    expect(comparisons[1]?.message, 't2 message').toBe(
      't2-sequential: not judged: no successful timed runs in this run',
    );
  });
});

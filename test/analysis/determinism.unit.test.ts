import { describe, expect, it } from 'vitest';
import { judgeDeterminism } from '../../src/analysis/determinism.js';
import type { TableDigest } from '../../src/digest/types.js';
import { makeRun, makeTable } from './helpers.js';

const reference = { threads: 1, mode: 'sequential' } as const;
const good = (): TableDigest =>
  makeTable(
    'fct_yearly_events',
    { 'simulation_year=2025': 'a1', 'simulation_year=2026': 'a2' },
    { amount: 'c1', level_id: 'c2' },
  );
const changed = (): TableDigest =>
  makeTable(
    'fct_yearly_events',
    { 'simulation_year=2025': 'a1', 'simulation_year=2026': 'XX' },
    { amount: 'c1', level_id: 'YY' },
  );
const run = (threads: number, rep: number, table: TableDigest | null, warmup = false) =>
  makeRun({ threads, mode: 'selective', rep, warmup, digests: table ? { [table.table]: table } : {} });

describe('judgeDeterminism', () => {
  it('passes identical digests, warmups included', () => {
    const runs = [
      makeRun({ ...reference, digests: { fct_yearly_events: good() } }),
      run(4, 1, good(), true),
      run(4, 1, good()),
    ];
    const verdict = judgeDeterminism(runs, reference);
    expect(verdict.verdict, 'verdict').toBe('pass');
    expect(verdict.reference?.run, 'reference run').toBe('t1-sequential-r1');
    expect(verdict.compared, 'warmup and timed compared').toBe(2);
    expect(verdict.configurations, 'per configuration').toEqual({ 't1-sequential': 'pass', 't4-selective': 'pass' });
  });

  it('localizes one group and one column', () => {
    const runs = [
      makeRun({ ...reference, digests: { fct_yearly_events: good() } }),
      run(4, 1, changed()),
      run(4, 2, changed()),
    ];
    const verdict = judgeDeterminism(runs, reference);
    expect(verdict.verdict, 'verdict').toBe('fail');
    expect(verdict.divergences.length, 'both runs diverge').toBe(2);
    const d = verdict.divergences[0]!;
    expect(d.groups, 'groups').toEqual(['simulation_year=2026']);
    expect(d.firstYear, 'first year').toBe(2026);
    expect(d.columns, 'leaving out amount makes them agree').toEqual(['amount']);
    expect(d.kind, 'consistent across reps: configuration').toBe('configuration');
    expect(d.alsoDiffersOnRepetition, 'no repetition difference').toBe(false);
    expect(d.samples, 'samples left to the runner').toBeNull();
    expect(verdict.configurations['t4-selective'], 'config fails').toBe('fail');
  });

  it('marks a flaky configuration as repetition', () => {
    const runs = [
      makeRun({ ...reference, digests: { fct_yearly_events: good() } }),
      run(8, 1, good()),
      run(8, 2, changed()),
    ];
    const verdict = judgeDeterminism(runs, reference);
    expect(
      verdict.divergences.map((d) => d.run),
      'only rep 2 diverges',
    ).toEqual(['t8-selective-r2']);
    expect(verdict.divergences[0]!.kind, 'kind').toBe('repetition');
    expect(verdict.divergences[0]!.alsoDiffersOnRepetition, 'flag').toBe(true);
  });

  it('judges a schema divergence before the rows, naming each column added, removed or retyped', () => {
    const schema = [
      { name: 'amount', type: 'DOUBLE', nullable: true },
      { name: 'level_id', type: 'INTEGER', nullable: true },
    ];
    const retyped = [
      { name: 'amount', type: 'DOUBLE', nullable: true },
      { name: 'level', type: 'BIGINT', nullable: true },
    ];
    const runs = [
      makeRun({ ...reference, digests: { fct_yearly_events: { ...good(), schema } } }),
      run(2, 1, { ...good(), digest: 'other', schema: retyped }),
    ];
    const d = judgeDeterminism(runs, reference).divergences[0]!;
    expect(d.kind, 'kind').toBe('schema');
    expect(d.schemaChanges, 'changes').toEqual([
      { column: 'level', change: 'added', reference: null, run: 'BIGINT' },
      { column: 'level_id', change: 'removed', reference: 'INTEGER', run: null },
    ]);
    expect(d.columns, 'columns named').toEqual(['level', 'level_id']);
    expect(d.groups, 'rows not compared').toEqual([]);
  });

  it('treats a missing table as a divergence and falls back when the reference has no digests', () => {
    const runs = [makeRun({ ...reference, status: 'failed' }), run(2, 1, good()), run(4, 1, null)];
    const verdict = judgeDeterminism(runs, reference);
    expect(verdict.reference?.run, 'fallback reference').toBe('t2-selective-r1');
    expect(verdict.referenceNote, 'fallback explained').toContain('t1-sequential');
    const d = verdict.divergences[0]!;
    expect(d.table, 'table').toBe('fct_yearly_events');
    expect(d.rowCounts, 'absent side counts 0').toEqual({ reference: 100, run: 0 });
    expect(d.groups, 'both groups missing on one side').toEqual(['simulation_year=2025', 'simulation_year=2026']);
    expect(d.firstYear, 'first year').toBe(2025);
    expect(verdict.configurations['t1-sequential'], 'failed run: no data').toBe('no-data');
  });
});

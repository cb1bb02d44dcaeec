// The root cause as the reports say it: the lineage picture escapes every name, repeated findings
// are said once, and sample rows keep the differing and identifying columns only.
import { describe, expect, it } from 'vitest';
import type { Divergence } from '../../src/analysis/types.js';
import type { RootCause } from '../../src/lineage/diagnosis-types.js';
import { renderLineageSvg } from '../../src/report/root-cause-html.js';
import { chooseSampleColumns, describeRootCause, groupFindings } from '../../src/report/root-cause-rows.js';

const CAUSE: RootCause = {
  relation: 'int_<script>alert(1)</script>',
  kind: 'repetition',
  model: null,
  file: 'models/x.sql',
  configurations: ['t2-sequential'],
  runs: ['t2-sequential-r1', 't2-sequential-r2'],
  columns: ['u_comp'],
  volatile: [],
  keyColumns: ['employee_id'],
  rowCounts: null,
  samples: null,
  overwrittenUpstream: [],
  classification: null,
  chain: [
    {
      to: 'fct_yearly_events',
      path: ['int_<script>alert(1)</script>', 'int_hiring_events', 'fct_yearly_events'],
      differs: [true, false, true],
    },
  ],
};

describe('renderLineageSvg', () => {
  it('draws one box per relation and one arrow per step, every name escaped', () => {
    const svg = renderLineageSvg(CAUSE);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('int_&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg.match(/<rect /g)?.length, 'three relations').toBe(3);
    expect(svg.match(/<line /g)?.length, 'two steps').toBe(2);
    expect(svg, 'a relation with no difference left is dashed').toContain('stroke-dasharray');
  });
});

describe('describeRootCause', () => {
  it('says where, what and what it reaches in one line', () => {
    expect(describeRootCause(CAUSE)).toBe(
      'root cause int_<script>alert(1)</script> (models/x.sql) differs at t2-sequential (2 run(s), also differs on repetition); columns u_comp; reaches fct_yearly_events; not classified (databases not kept)',
    );
  });
});

describe('groupFindings', () => {
  it('says divergences with the same table, groups and columns once, with their runs', () => {
    const base = {
      threads: 2,
      mode: 'sequential',
      kind: 'configuration',
      alsoDiffersOnRepetition: false,
      rowCounts: { reference: 1, run: 1 },
      firstYear: 2025,
      columns: [],
      samples: null,
    } as const;
    const divergences = ['r1', 'r2', 'r3'].flatMap((run) => [
      { ...base, run, table: 'fct_yearly_events', groups: ['simulation_year=2025'] },
      { ...base, run, table: 'fct_workforce_snapshot', groups: ['simulation_year=2025'] },
    ]) as Divergence[];
    const findings = groupFindings(divergences);
    expect(findings.map((f) => [f.divergence.table, f.runs])).toEqual([
      ['fct_yearly_events', ['r1', 'r2', 'r3']],
      ['fct_workforce_snapshot', ['r1', 'r2', 'r3']],
    ]);
  });
});

describe('chooseSampleColumns', () => {
  it('keeps the identifying and differing columns of a wide row', () => {
    const row = (pay: number, id: string) => ({
      surplus: 1,
      values: { employee_id: id, simulation_year: 2025, event_type: 'hire', pay, a: 1, b: 2, c: 3, event_details: 'x' },
    });
    const samples = { reference: [row(100, 'E1')], run: [{ ...row(101, 'E1'), surplus: -1 }] };
    expect(chooseSampleColumns(samples, [], ['simulation_year', 'event_type'])).toEqual([
      'simulation_year',
      'event_type',
      'employee_id',
      'pay',
    ]);
  });
});

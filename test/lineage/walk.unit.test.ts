// The walk over a hand-made DAG: the first differing relation is named, its chain is right, and
// nothing downstream of it is named as a cause.
import { describe, expect, it } from 'vitest';
import { contractToPresent, findUnexplained, walkToRootCauses } from '../../src/lineage/walk.js';
import { graphFromEdges } from '../../src/lineage/dag-file-graph.js';
import type { LineageGraph } from '../../src/lineage/types.js';

// needs -> needs_by_level -> hiring -> yearly_events; census -> start -> yearly_events; dq (random) -> nothing compared
const graph: LineageGraph = graphFromEdges(
  [
    ['int_workforce_needs', 'int_workforce_start'],
    ['int_workforce_needs_by_level', 'int_workforce_needs'],
    ['int_hiring_events', 'int_workforce_needs_by_level'],
    ['fct_yearly_events', 'int_hiring_events'],
    ['fct_yearly_events', 'int_workforce_start'],
    ['int_workforce_start', 'stg_census_data'],
    ['dq_checks', 'int_workforce_start'],
  ],
  'dag-file',
  'test',
);

describe('walkToRootCauses', () => {
  it('names the first differing relation and the chain to the compared table, not its downstream relations', () => {
    const roots = walkToRootCauses(
      graph,
      ['int_workforce_needs', 'int_workforce_needs_by_level', 'int_hiring_events', 'fct_yearly_events'],
      ['fct_yearly_events'],
    );
    expect(
      roots.map((root) => root.relation),
      'only the upstream-most differing relation',
    ).toEqual(['int_workforce_needs']);
    expect(roots[0]!.chains, 'chain from the root to the compared table').toEqual([
      {
        to: 'fct_yearly_events',
        path: ['int_workforce_needs', 'int_workforce_needs_by_level', 'int_hiring_events', 'fct_yearly_events'],
        differs: [true, true, true, true],
      },
    ]);
  });

  it('names the compared table itself when nothing upstream differs', () => {
    const roots = walkToRootCauses(graph, ['fct_yearly_events'], ['fct_yearly_events']);
    expect(roots.map((root) => root.relation)).toEqual(['fct_yearly_events']);
    expect(roots[0]!.chains[0]!.path).toEqual(['fct_yearly_events']);
  });

  it('leaves out a differing relation that reaches no diverging compared table, and says so', () => {
    const differing = ['dq_checks', 'int_hiring_events', 'fct_yearly_events'];
    const roots = walkToRootCauses(graph, differing, ['fct_yearly_events']);
    expect(roots.map((root) => root.relation)).toEqual(['int_hiring_events']);
    expect(findUnexplained(graph, differing, roots), 'dq_checks reaches nothing compared').toEqual(['dq_checks']);
  });

  it('names overwritten upstream relations that show no difference', () => {
    const overwritten: LineageGraph = {
      ...graph,
      nodes: {
        ...graph.nodes,
        int_workforce_needs_by_level: { ...graph.nodes['int_workforce_needs_by_level']!, overwritten: true },
      },
    };
    const roots = walkToRootCauses(overwritten, ['int_hiring_events', 'fct_yearly_events'], ['fct_yearly_events']);
    expect(roots[0]!.relation).toBe('int_hiring_events');
    expect(
      roots[0]!.overwrittenUpstream,
      'the first relation that kept the difference, and the overwritten one above it',
    ).toEqual(['int_workforce_needs_by_level']);
  });

  it('does not name a relation whose difference came from the previous year through another root', () => {
    const yearly: LineageGraph = {
      ...graph,
      nodes: {
        ...graph.nodes,
        int_workforce_start: { ...graph.nodes['int_workforce_start']!, priorUpstream: ['fct_yearly_events'] },
      },
    };
    const roots = walkToRootCauses(
      yearly,
      ['int_hiring_events', 'int_workforce_start', 'fct_yearly_events'],
      ['fct_yearly_events'],
    );
    expect(roots.map((root) => root.relation)).toEqual(['int_hiring_events']);
  });
});

describe('contractToPresent', () => {
  it('sees through a relation the database does not hold', () => {
    const present = new Set([
      'int_workforce_needs',
      'int_hiring_events',
      'fct_yearly_events',
      'int_workforce_start',
      'stg_census_data',
      'dq_checks',
    ]);
    const contracted = contractToPresent(graph, present);
    expect(
      contracted.nodes['int_hiring_events']!.upstream,
      'needs_by_level is absent: its upstream passes through',
    ).toEqual(['int_workforce_needs']);
    expect(contracted.nodes['int_workforce_needs_by_level']).toBeUndefined();
  });
});

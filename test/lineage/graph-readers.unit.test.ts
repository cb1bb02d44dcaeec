// The lineage read from dbt's manifest (models, seeds, sources, ephemeral models) and from a dag
// file; volatile columns read off SQL, random() never among them.
import { describe, expect, it } from 'vitest';
import { readDbtGraph } from '../../src/lineage/dbt-manifest-graph.js';
import { readDagObject } from '../../src/lineage/dag-file-graph.js';
import { findInvocationIdColumns, findVolatileColumns } from '../../src/lineage/volatile-columns.js';

const manifest = {
  metadata: { dbt_version: '1.8.8' },
  sources: { 'source.p.raw.census': { name: 'census', identifier: 'census_raw', resource_type: 'source' } },
  nodes: {
    'seed.p.levels': {
      resource_type: 'seed',
      name: 'levels',
      alias: 'config_levels',
      config: { materialized: 'seed' },
      depends_on: { nodes: [] },
    },
    'model.p.stg_census': {
      resource_type: 'model',
      name: 'stg_census',
      config: { materialized: 'view' },
      original_file_path: 'models/staging/stg_census.sql',
      raw_code: 'select *, current_timestamp as loaded_at from {{ source("raw", "census") }}',
      depends_on: { nodes: ['source.p.raw.census'] },
    },
    'model.p.eph': {
      resource_type: 'model',
      name: 'eph',
      config: { materialized: 'ephemeral' },
      depends_on: { nodes: ['model.p.stg_census', 'seed.p.levels'] },
    },
    'model.p.int_needs': {
      resource_type: 'model',
      name: 'int_needs',
      config: { materialized: 'table' },
      original_file_path: 'models/int_needs.sql',
      compiled_code:
        'select level_id, sum(pay) as total, gen_random_uuid() as run_id, random() as draw, loaded_at from eph group by all',
      depends_on: { nodes: ['model.p.eph'] },
    },
    'model.p.fct_events': {
      resource_type: 'model',
      name: 'fct_events',
      config: { materialized: 'incremental' },
      original_file_path: 'models/fct_events.sql',
      raw_code: 'select * from {{ ref("int_needs") }}',
      depends_on: { nodes: ['model.p.int_needs'] },
    },
    'test.p.not_null': { resource_type: 'test', name: 'not_null', depends_on: { nodes: ['model.p.fct_events'] } },
  },
};

describe('readDbtGraph', () => {
  const graph = readDbtGraph(manifest, 'manifest.json');
  it('maps nodes to relation names and depends_on to upstream relations, through ephemeral models', () => {
    expect(Object.keys(graph.nodes).sort()).toEqual([
      'census_raw',
      'config_levels',
      'fct_events',
      'int_needs',
      'stg_census',
    ]);
    expect(graph.nodes['int_needs']!.upstream, 'the ephemeral model passes its upstream on').toEqual([
      'config_levels',
      'stg_census',
    ]);
    expect(graph.nodes['stg_census']!.upstream).toEqual(['census_raw']);
    expect(graph.nodes['fct_events']!.file).toBe('models/fct_events.sql');
  });
  it('marks rebuilt models overwritten and gives them a re-runnable SQL; incremental ones neither', () => {
    expect(graph.nodes['int_needs']!.overwritten).toBe(true);
    expect(graph.nodes['int_needs']!.rerunSql).toContain('sum(pay)');
    expect(graph.nodes['fct_events']!.overwritten).toBe(false);
    expect(graph.nodes['fct_events']!.rerunSql).toBeUndefined();
  });
  it('finds wall-clock and uuid columns, carries them downstream by name, and never counts random()', () => {
    expect(graph.nodes['stg_census']!.volatile.map((v) => v.column)).toEqual(['loaded_at']);
    expect(
      graph.nodes['int_needs']!.volatile.map((v) => v.column).sort(),
      'run_id generated, loaded_at carried; draw is random(): evidence',
    ).toEqual(['loaded_at', 'run_id']);
  });
});

describe('findVolatileColumns', () => {
  it('reads aliases of casts and quoted names', () => {
    const sql =
      'SELECT CAST(CURRENT_TIMESTAMP AS TIMESTAMP) AS "processed_at", now()::timestamp as built_at, uuid() AS id, RANDOM() AS r';
    expect(findVolatileColumns(sql, 'x.sql').map((v) => v.column)).toEqual(['built_at', 'id', 'processed_at']);
  });
});

describe('findInvocationIdColumns', () => {
  it("reads dbt's {{ invocation_id }} off the raw SQL (compiled, it is a literal uuid)", () => {
    expect(
      findInvocationIdColumns("select 1 as x, '{{ invocation_id }}' AS dbt_invocation_id from t", 'm.sql'),
    ).toEqual([{ column: 'dbt_invocation_id', reason: 'dbt invocation id: {{ invocation_id }} in m.sql' }]);
  });
});

describe('readDagObject', () => {
  it('reads {relation: [upstream]} and names a bad entry', () => {
    const graph = readDagObject({ b: ['a'], c: ['b'] }, 'dag.json');
    expect(graph.nodes['c']!.upstream).toEqual(['b']);
    expect(graph.nodes['a']!.upstream).toEqual([]);
    expect(() => readDagObject({ b: 'a' }, 'dag.json')).toThrow(
      /dag.json: "b" must list its upstream relations as an array/,
    );
  });
});

// The what-if check's hook (THREADGATE_PLANT_REPEAT): a planted model computes each table-filling
// query once more, hashing every row, before it fills the table; other models are untouched.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_DESIGN_ID } from '../../src/orchestrator/simulation-context.js';
import { buildYearModels } from '../../src/orchestrator/pipeline.js';
import { plantRepeatedWork, readPlantedModels } from '../../src/orchestrator/planted-work.js';

const ctx = {
  seed: 1,
  scenarioId: 'plant',
  planDesignId: DEFAULT_PLAN_DESIGN_ID,
  startYear: 2025,
  endYear: 2026,
  employees: 10,
};

describe('plantRepeatedWork', () => {
  const models = buildYearModels(ctx, 2025);
  const planted = plantRepeatedWork(models, readPlantedModels(' int_yearly_events , int_workforce_start '));

  it('repeats every filling query of the named models (every shard, CREATE ... AS and INSERT ... SELECT alike) as a hash of every row', () => {
    for (const name of ['int_yearly_events', 'int_workforce_start']) {
      const shards = planted.filter((m) => m.name.replace(/_s\d+$/, '') === name);
      expect(shards.length, name).toBeGreaterThan(0);
      for (const model of shards) {
        const original = models.find((m) => m.name === model.name)!;
        const repeats = model.statements.filter((sql) => sql.startsWith('SELECT bit_xor(hash(planted_repeat))'));
        expect(repeats.length, `${model.name}: one repeat per filling statement`).toBeGreaterThan(0);
        expect(model.statements.length, model.name).toBe(original.statements.length + repeats.length);
        // Each repeat comes right before the statement it repeats, and contains its query.
        model.statements.forEach((sql, i) => {
          if (!sql.startsWith('SELECT bit_xor')) return;
          const next = model.statements[i + 1]!;
          expect(next, `${model.name}: the filling statement follows`).toMatch(/^\s*(CREATE|INSERT)/i);
          const query = sql.slice(sql.indexOf('FROM (') + 'FROM ('.length, sql.lastIndexOf(') AS planted_repeat'));
          expect(next.includes(query.trim()), `${model.name}: the same query`).toBe(true);
        });
      }
    }
  });

  it('leaves the other models as they are, and everything when nothing is named', () => {
    for (const model of planted.filter((m) => !/^int_(yearly_events|workforce_start)(_s\d+)?$/.test(m.name)))
      expect(model, model.name).toEqual(models.find((m) => m.name === model.name));
    expect(plantRepeatedWork(models, readPlantedModels(undefined))).toEqual(models);
  });
});

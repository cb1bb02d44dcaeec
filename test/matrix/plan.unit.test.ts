import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { resolveMatrix } from '../../src/matrix/load-matrix.js';
import { expandPlan, listConfigurations, parseShard } from '../../src/matrix/plan.js';
import { configKey } from '../../src/matrix/types.js';
import { MATRIX_SCHEMA_FILE, renderMatrixJsonSchema } from '../../src/matrix/write-schema.js';

const base = {
  target: { kind: 'builtin' },
  threads: [1, 2, 4],
  modes: ['sequential', 'aggressive'],
  repetitions: 3,
  warmup: 1,
};

describe('expandPlan', () => {
  it('runs configurations × (warmup + repetitions), warmups first', () => {
    const plan = expandPlan(resolveMatrix(base, null));
    expect(plan.runs.length, 'runs').toBe(6 * 4);
    expect(
      plan.runs.slice(0, 6).every((run) => run.warmup),
      'warmup round first',
    ).toBe(true);
    expect(new Set(plan.runs.map((run) => run.id)).size, 'unique ids').toBe(24);
  });

  it('visits every configuration once per round, in a seeded shuffled order', () => {
    const plan = expandPlan(resolveMatrix(base, null));
    for (let round = 0; round < 4; round += 1) {
      const keys = plan.runs.slice(round * 6, round * 6 + 6).map((run) => configKey(run));
      expect(new Set(keys).size, `round ${round}`).toBe(6);
    }
    const again = expandPlan(resolveMatrix(base, null));
    const otherSeed = expandPlan(resolveMatrix({ ...base, orderSeed: 99 }, null));
    expect(
      again.runs.map((run) => run.id),
      'same seed, same order',
    ).toEqual(plan.runs.map((run) => run.id));
    expect(
      otherSeed.runs.map((run) => run.id),
      'another seed, another order',
    ).not.toEqual(plan.runs.map((run) => run.id));
  });

  it('groups configuration by configuration when asked', () => {
    const plan = expandPlan(resolveMatrix({ ...base, order: 'grouped' }, null));
    expect(
      plan.runs.slice(0, 4).map((run) => run.id),
      'first configuration',
    ).toEqual(['t1-sequential-w1', 't1-sequential-r1', 't1-sequential-r2', 't1-sequential-r3']);
  });

  it('adds the reference configuration when the matrix leaves it out', () => {
    const configurations = listConfigurations(resolveMatrix({ ...base, threads: [2, 4], modes: ['aggressive'] }, null));
    expect(configurations.map(configKey), 'configurations').toEqual([
      't1-sequential',
      't2-aggressive',
      't4-aggressive',
    ]);
  });

  it('deals configurations to shards, each exactly once, the reference in every shard', () => {
    const matrix = resolveMatrix(base, null);
    const shards = [1, 2, 3].map((index) => expandPlan(matrix, { shard: { index, count: 3 } }));
    const counts = new Map<string, number>();
    for (const shard of shards)
      for (const key of new Set(shard.runs.map((run) => configKey(run)))) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect(counts.get('t1-sequential'), 'reference everywhere').toBe(3);
    expect(
      [...counts.entries()].filter(([key]) => key !== 't1-sequential').every(([, n]) => n === 1),
      'others once',
    ).toBe(true);
    expect(counts.size, 'all configurations').toBe(6);
  });

  it('parses K/N and refuses anything else', () => {
    expect(parseShard('2/4'), '2/4').toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', 'x', '1/0'])
      expect(() => parseShard(bad), bad).toThrow(`--shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/4), got "${bad}"`);
  });
});

describe('matrix JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema`)', async () => {
    expect(await readFile(MATRIX_SCHEMA_FILE, 'utf8'), 'matrices/matrix.schema.json').toBe(renderMatrixJsonSchema());
  });
});

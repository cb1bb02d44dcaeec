// Raw tasks from a source become a schedule: start order, names resolved to indices (same year,
// name@year, ids), slots packed when the source has none, bad input refused with a clear message.
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../src/schedules/build-schedule.js';
import { compactSchedule, expandSchedule } from '../../src/schedules/compact-schedule.js';
import type { RawTask } from '../../src/schedules/types.js';

const raw = (
  model: string,
  year: number | null,
  startMs: number,
  finishMs: number,
  dependsOn: string[] = [],
  slot: number | null = 0,
): RawTask => ({
  model,
  year,
  modelClass: 'PARALLEL_SAFE',
  startMs,
  finishMs,
  slot,
  dependsOn,
});

describe('buildSchedule', () => {
  it('resolves a plain name within the year and name@year across years', () => {
    const s = buildSchedule([
      raw('snapshot', 2026, 30, 40, ['start']),
      raw('start', 2025, 0, 10),
      raw('snapshot', 2025, 10, 20, ['start']),
      raw('start', 2026, 20, 30, ['snapshot@2025']),
    ]);
    expect(s.tasks.map((t) => `${t.model} ${t.year}`)).toEqual([
      'start 2025',
      'snapshot 2025',
      'start 2026',
      'snapshot 2026',
    ]);
    expect(s.tasks.map((t) => t.dependsOn)).toEqual([[], [0], [1], [2]]);
  });

  it('drops names that match no task (a dbt source) and resolves ids first', () => {
    const s = buildSchedule([
      { ...raw('m', null, 0, 5), id: 'call0:m' },
      { ...raw('m', null, 6, 9, ['call0:m', 'source.raw_census']), id: 'call1:m' },
    ]);
    expect(s.tasks[1]!.dependsOn).toEqual([0]);
  });

  it('packs lanes when the source gives no slots', () => {
    const s = buildSchedule([
      raw('a', null, 0, 10, [], null),
      raw('b', null, 2, 6, [], null),
      raw('c', null, 7, 12, [], null),
      raw('d', null, 8, 9, [], null),
    ]);
    expect(s.tasks.map((t) => t.slot)).toEqual([0, 1, 1, 2]);
  });

  it('refuses a finish before its start and a cycle', () => {
    expect(() => buildSchedule([raw('a', 2025, 10, 5)])).toThrow('task a (2025): finish 5 before start 10');
    expect(() => buildSchedule([raw('a', null, 0, 1, ['b']), raw('b', null, 1, 2, ['a'])])).toThrow(
      /dependency cycle through/,
    );
  });

  it('round-trips through the compact form, times from the earliest start in whole ms', () => {
    const s = buildSchedule([raw('a', 2025, 100.4, 110.6), raw('b', 2025, 110.6, 130.2, ['a'], 1)]);
    const compact = compactSchedule(s);
    expect(compact).toEqual({
      names: ['a', 'b'],
      classes: ['PARALLEL_SAFE'],
      tasks: [
        [0, 2025, 0, 0, 10, 0, []],
        [1, 2025, 0, 10, 20, 1, [0]],
      ],
    });
    expect(expandSchedule(compact).tasks[1]).toEqual({
      model: 'b',
      year: 2025,
      modelClass: 'PARALLEL_SAFE',
      startMs: 10,
      finishMs: 30,
      slot: 1,
      dependsOn: [0],
    });
  });
});

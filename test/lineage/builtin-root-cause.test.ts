// The walk on the real built-in orchestrator: changes planted upstream (THREADGATE_PLANT, a hidden
// test hook in `simulate`) at some thread counts only, run through a real matrix, real DuckDB, real
// child processes. The report must name the planted model, its chain, and nothing downstream; a
// parallel DOUBLE aggregate must read as float reassociation and the same column off by a cent not.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { makeTempDir, runMatrixLines } from '../helpers/run-cli.js';

const TARGET = [
  'target: { kind: builtin, employees: 300, years: 2025-2026, seed: 7 }',
  'threads: [1, 2]',
  'modes: [sequential]',
  'repetitions: 2',
  'warmup: 0',
  'timeout: 2m',
  'keep: failures',
];
const EVENTS = '  fct_yearly_events: { exempt: [created_at], groupBy: [simulation_year, event_type] }';

/**
 * A DOUBLE table, made (and committed) by int_workforce_start, summed in int_workforce_needs: DuckDB
 * scans a committed table of 2 million rows in parallel at 2 threads (a table of the model's own
 * transaction it would scan on one thread).
 */
function plantSum(rows: string): object[] {
  return [
    {
      model: 'int_workforce_start',
      find: 'WITH base AS (',
      replace: 'WITH base AS (',
      before: [`CREATE OR REPLACE TABLE plant_noise AS ${rows}`],
    },
    {
      model: 'int_workforce_needs',
      find: '0.25 AS new_hire_termination_rate',
      replace: '0.25 AS new_hire_termination_rate, (SELECT sum(x) FROM plant_noise) AS planned_budget',
    },
  ];
}
/**
 * The sum at 2 threads, reassociated for certain: DuckDB splits the scan between its threads, but on a
 * loaded machine the second thread can join too late to take a row group, and the sum then lands on
 * the serial bits (a CI run did). At 2 threads the table is also written in the opposite order, so
 * the same values are summed in another order whoever scans them: float reassociation, deterministic.
 */
const PARALLEL_SUM = [
  ...plantSum('SELECT (i % 1000) * 1.1 + 1.0 / (i + 1) AS x FROM range(2000000) t(i)'),
  {
    model: 'int_workforce_start',
    find: 'FROM range(2000000) t(i)',
    replace: 'FROM range(2000000) t(i) ORDER BY x DESC',
    minThreads: 2,
  },
];

async function runPlanted(
  dir: string,
  name: string,
  plant: unknown,
  tables: readonly string[],
  extra: readonly string[] = [],
): Promise<{ report: Report; exitCode: number; stdout: string; runDir: string }> {
  const result = await runMatrixLines(dir, name, [...TARGET, 'tables:', ...tables, ...extra], {
    env: { THREADGATE_PLANT: JSON.stringify(plant) },
  });
  expect(result.runDir, result.stderr).not.toBe('');
  const report = JSON.parse(await readFile(path.join(result.runDir, 'report.json'), 'utf8')) as Report;
  return { report, exitCode: result.exitCode, stdout: result.stdout, runDir: result.runDir };
}

describe('root cause on the built-in orchestrator', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('tg-rootcause-');
  });

  it('names a random() planted in int_hiring_draws at 2 threads, two steps above the compared table, and its chain', async () => {
    const plant = {
      model: 'int_hiring_draws',
      find: 'u_comp, age_years,',
      replace: 'u_comp * (0.999 + random() * 0.002) AS u_comp, age_years,',
      minThreads: 2,
    };
    const { report, exitCode, runDir } = await runPlanted(dir, 'hiring', plant, [EVENTS]);
    expect(exitCode, 'a determinism failure').toBe(1);
    const causes = report.rootCauses ?? [];
    expect(
      causes.map((cause) => cause.relation),
      'the planted model alone: int_hiring_events and the outputs are downstream',
    ).toEqual(['int_hiring_draws']);
    const [cause] = causes;
    expect(cause!.configurations, 'only where it was planted').toEqual(['t2-sequential']);
    expect(cause!.runs).toEqual(['t2-sequential-r1', 't2-sequential-r2']);
    expect(cause!.kind, 'random() differs on repetition too').toBe('repetition');
    expect(cause!.columns).toEqual(['u_comp']);
    expect(cause!.chain).toEqual([
      {
        to: 'fct_yearly_events',
        path: ['int_hiring_draws', 'int_hiring_events', 'fct_yearly_events'],
        differs: [true, true, true],
      },
    ]);
    expect(cause!.classification?.verdict, 'random() is no rounding, even re-run at several threads').toBe(
      'real-change',
    );
    expect(cause!.classification?.reason).toMatch(/one DuckDB thread gave different results/);
    expect(cause!.file).toBe('src/orchestrator/models-events.ts');
    const markdown = await readFile(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown.indexOf('## Root causes'), 'root causes before the divergences').toBeLessThan(
      markdown.indexOf('## Divergences'),
    );
    expect(markdown).toContain('int\\_hiring\\_draws → int\\_hiring\\_events → fct\\_yearly\\_events');
    const junit = await readFile(path.join(runDir, 'junit.xml'), 'utf8');
    expect(junit, 'the JUnit failure names the root cause first').toMatch(
      /<failure message="root cause int_hiring_draws \(real-change\); 2 divergence/,
    );
  }, 240_000);

  it('classifies a parallel DOUBLE sum as float reassociation, and the same column off by a cent as a real change', async () => {
    const needs = '  int_workforce_needs: {}';
    const noisy = await runPlanted(dir, 'float-sum', PARALLEL_SUM, [needs, EVENTS]);
    expect(noisy.exitCode, 'the gate stays strict: the outputs do differ').toBe(1);
    const cause = (noisy.report.rootCauses ?? []).find((c) => c.relation === 'int_workforce_needs');
    expect(cause, JSON.stringify(noisy.report.rootCauses)).toBeDefined();
    expect(cause!.columns).toEqual(['planned_budget']);
    expect(cause!.classification?.verdict, cause!.classification?.reason).toBe('float-reassociation');
    expect(cause!.classification?.maxRelative).toBeLessThan(1e-9);
    expect(cause!.classification?.aggregates).toEqual(['sum(x)']);
    expect(cause!.classification?.fixes?.join(' ')).toContain('kahan_sum');

    // 1,000 rows sum on one thread whatever the setting: exact, so the cent alone remains.
    const cent = [
      ...plantSum('SELECT 2860000.0 + i / 7.0 AS x FROM range(1000) t(i)'),
      { model: 'int_workforce_needs', find: 'AS planned_budget', replace: '+ 0.01 AS planned_budget', minThreads: 2 },
    ];
    const changed = await runPlanted(dir, 'float-cent', cent, [needs, EVENTS]);
    const centCause = (changed.report.rootCauses ?? []).find((c) => c.relation === 'int_workforce_needs');
    expect(centCause?.classification?.verdict, 'a cent on 2.86e9 is 3.5e-12 relative, and still no noise').toBe(
      'real-change',
    );
    expect(centCause?.classification?.reason).toMatch(/whole number of cents/);
  }, 360_000);

  it('a float tolerance lets reassociation pass and says how many values were equal only within it', async () => {
    const { report, exitCode, stdout } = await runPlanted(dir, 'float-tolerated', PARALLEL_SUM, [
      '  int_workforce_needs: { float: { relative: 1.0e-9 } }',
      EVENTS,
    ]);
    expect(exitCode, stdout).toBe(0);
    expect(report.determinism.verdict).toBe('pass');
    const tolerated = report.lineage?.tolerated ?? [];
    // Both 2-thread runs differ (the order is forced at 2 threads), every one within the tolerance.
    expect(tolerated.length, JSON.stringify(report.lineage)).toBe(2);
    expect(
      tolerated.every((t) => t.table === 'int_workforce_needs' && t.values === 1),
      JSON.stringify(tolerated),
    ).toBe(true);
  }, 240_000);
});

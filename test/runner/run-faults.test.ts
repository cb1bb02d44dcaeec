// `threadgate run` end to end against the faulty stand-in orchestrator: every planted fault is caught,
// localized, and turned into the right exit code; wall-clock columns alone are not flagged.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';

interface RunOutput {
  exitCode: number;
  runDir: string;
  report: Report;
}

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('tg-faults-');
});

async function runMatrix(fault: string, flags: string[] = [], timeout?: string): Promise<RunOutput> {
  const matrix = await writeFaultyMatrix(dir, fault, { timeout });
  const result = await runCli([
    'run',
    matrix,
    '--out',
    path.join(dir, 'out'),
    '--json',
    '--quiet',
    '--no-baseline',
    ...flags,
  ]);
  expect(result.stderr, `${fault}: no error line`).not.toMatch(/threadgate: (internal )?error/);
  const summary = JSON.parse(result.stdout) as { runDir: string };
  const report = JSON.parse(await readFile(path.join(summary.runDir, 'report.json'), 'utf8')) as Report;
  return { exitCode: result.exitCode, runDir: summary.runDir, report };
}

describe('threadgate run against planted faults', () => {
  it("passes when only the wall-clock columns differ, and deletes the identical databases but the reference's", async () => {
    const { exitCode, report, runDir } = await runMatrix('none');
    expect(exitCode, 'exit code').toBe(0);
    expect(report.determinism.verdict, 'verdict').toBe('pass');
    expect(report.determinism.compared, 'runs compared').toBe(7);
    const kept = report.runs.filter((record) => record.database && existsSync(path.join(runDir, record.database)));
    // Only the reference run's: no baseline read its md5 digest, so `baseline save` may take it later.
    expect(
      kept.map((record) => record.id),
      'databases kept under keep: failures',
    ).toEqual([report.determinism.reference?.run]);
    for (const file of [
      'report.json',
      'report.md',
      'report.html',
      'junit.xml',
      'results.csv',
      'recommendation.json',
      'plan.json',
      'journal.jsonl',
    ]) {
      expect(existsSync(path.join(runDir, file)), file).toBe(true);
    }
  });

  it('catches values swapped between rows, localized to year, event type and column, with samples', async () => {
    const { exitCode, report } = await runMatrix('column-swap');
    expect(exitCode, 'exit code').toBe(1);
    const divergence = report.determinism.divergences.find((d) => d.threads === 2);
    expect(divergence?.table, 'table').toBe('fct_yearly_events');
    expect(divergence?.groups, 'groups').toEqual(['simulation_year=2026, event_type=raise']);
    expect(divergence?.firstYear, 'first year').toBe(2026);
    expect(divergence?.columns, 'columns').toEqual(['compensation_amount']);
    expect(divergence?.kind, 'kind').toBe('configuration');
    expect(divergence?.samples?.reference.length, 'reference samples').toBe(2);
    expect(divergence?.samples?.run.length, 'run samples').toBe(2);
    expect(report.determinism.configurations['t1-aggressive'], '1-thread aggressive').toBe('pass');
    expect(report.determinism.configurations['t2-aggressive'], '2-thread aggressive').toBe('fail');
  });

  it('catches a row doubled while another is doubled elsewhere (equal counts)', async () => {
    const { exitCode, report } = await runMatrix('double-swap');
    expect(exitCode, 'exit code').toBe(1);
    const divergence = report.determinism.divergences[0];
    expect(divergence?.rowCounts.reference, 'counts equal').toBe(divergence?.rowCounts.run);
    expect(divergence?.samples?.reference[0]?.surplus, 'surplus on the reference side').toBe(1);
  });

  it('catches last-bit float drift and names the column', async () => {
    const { exitCode, report } = await runMatrix('float-drift');
    expect(exitCode, 'exit code').toBe(1);
    expect(report.determinism.divergences[0]?.columns, 'columns').toEqual(['compensation_amount']);
  });

  it('tells a configuration that differs from itself on repetition apart', async () => {
    const { exitCode, report } = await runMatrix('flaky');
    expect(exitCode, 'exit code').toBe(1);
    const repetition = report.determinism.divergences.filter((d) => d.alsoDiffersOnRepetition);
    expect(repetition.length, 'divergences that also differ on repetition').toBeGreaterThan(0);
    expect(
      repetition.every((d) => d.kind === 'repetition'),
      'kind repetition',
    ).toBe(true);
  });

  // Same values, another schema at 2 threads: the row digests alone would agree.
  it.each([
    [
      'retype',
      { column: 'level_id', change: 'retyped', reference: 'INTEGER', run: 'BIGINT' },
      'column level_id retyped INTEGER → BIGINT',
    ],
    [
      'rename',
      { column: 'event_seq', change: 'added', reference: null, run: 'BIGINT' },
      'column event_seq added (BIGINT)',
    ],
    [
      'add-column',
      { column: 'debug_slot', change: 'added', reference: null, run: 'INTEGER' },
      'column debug_slot added (INTEGER)',
    ],
  ])('fails on a schema change (%s) at one thread count and names the column', async (fault, change, text) => {
    const { exitCode, report, runDir } = await runMatrix(fault, ['--modes', 'sequential', '--reps', '1']);
    expect(exitCode, 'exit code').toBe(1);
    const divergence = report.determinism.divergences.find((d) => d.threads === 2);
    expect(divergence?.kind, 'kind').toBe('schema');
    expect(divergence?.table, 'table').toBe('fct_yearly_events');
    expect(divergence?.schemaChanges, 'changes').toContainEqual(change);
    expect(divergence?.columns, 'columns').toContain(change.column);
    if (fault === 'rename')
      expect(divergence?.schemaChanges, 'the old name').toContainEqual({
        column: 'event_sequence',
        change: 'removed',
        reference: 'BIGINT',
        run: null,
      });
    expect(await readFile(path.join(runDir, 'report.md'), 'utf8'), 'report.md').toContain(text);
    expect(await readFile(path.join(runDir, 'junit.xml'), 'utf8'), 'junit.xml').toContain(text);
    expect(await readFile(path.join(runDir, 'report.html'), 'utf8'), 'report.html').toContain('Schema differs');
  });

  it('records crashed runs as data, goes on, and exits 4', async () => {
    const { exitCode, report } = await runMatrix('crash', ['--threads', '1,4', '--modes', 'sequential']);
    expect(exitCode, 'exit code').toBe(4);
    const crashed = report.runs.filter((record) => record.status === 'failed');
    expect(
      crashed.map((record) => record.threads),
      'crashed thread counts',
    ).toEqual([4, 4]);
    expect(crashed[0]?.exitCode, 'exit code kept').toBe(1);
    expect(crashed[0]?.stderrTail, 'stderr tail kept').toMatch(/faulty-orchestrator/);
    expect(report.runs.filter((record) => record.status === 'ok').length, 'the others ran').toBe(2);
  });

  it('kills a hanging run at the timeout and records it', async () => {
    const { exitCode, report } = await runMatrix(
      'hang',
      ['--threads', '1,8', '--modes', 'sequential', '--reps', '1'],
      '3s',
    );
    expect(exitCode, 'exit code').toBe(4);
    const hung = report.runs.find((record) => record.threads === 8);
    expect(hung?.status, 'status').toBe('timeout');
    expect(hung?.error, 'error').toMatch(/timed out after 3000 ms/);
  });
});

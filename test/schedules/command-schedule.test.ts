// A command target's `schedule:` source, end to end through `threadgate run`: a real stand-in
// process leaves its schedule as a table of its database or as a JSON-lines file in {workdir};
// the journal keeps it compact, report.json has its bound, and runs/<id>/trace.json opens as a trace.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/matrix/load-matrix.js';
import { makeTempDir, runCli } from '../helpers/run-cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/scheduled-command.mjs', import.meta.url));

async function writeMatrix(dir: string, schedule: string): Promise<string> {
  const file = path.join(dir, 'scheduled.yaml');
  await writeFile(
    file,
    [
      'name: scheduled',
      'target:',
      '  kind: command',
      `  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(FIXTURE)}, --database, "{database}", --workdir, "{workdir}", --threads, "{threads}"]`,
      `  schedule: ${schedule}`,
      'threads: [1, 2]',
      'modes: [aggressive]',
      'reference: { threads: 1, mode: aggressive }',
      'repetitions: 1',
      'warmup: 0',
      'tables: { out: {} }',
    ].join('\n'),
  );
  return file;
}

async function runScheduled(schedule: string) {
  const dir = await makeTempDir('tg-scheduled-');
  const result = await runCli([
    'run',
    await writeMatrix(dir, schedule),
    '--out',
    dir,
    '--json',
    '--quiet',
    '--no-baseline',
  ]);
  expect(result.exitCode, result.stderr).toBe(0);
  const { runDir } = JSON.parse(result.stdout) as { runDir: string };
  const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8'));
  return { runDir, report };
}

describe('command target schedule source', () => {
  it('reads a table of the run database (timestamps, comma-separated depends_on)', async () => {
    const { runDir, report } = await runScheduled('{ table: my_schedule }');
    const run = report.runs.find((r: { id: string }) => r.id === 't2-aggressive-r1');
    expect(run.schedule).toEqual({
      names: ['census', 'hires', 'terminations', 'snapshot'],
      classes: [],
      tasks: [
        [0, null, -1, 0, 100, 0, []],
        [1, null, -1, 100, 200, 0, [0]],
        [2, null, -1, 100, 200, 1, [0]],
        [3, null, -1, 300, 50, 0, [1, 2]],
      ],
    });
    const bound = report.schedules.configurations.find((c: { key: string }) => c.key === 't2-aggressive');
    expect(bound).toMatchObject({ workMs: 550, criticalPathMs: 350, boundMs: 350, makespanMs: 350 });
    const trace = JSON.parse(await readFile(path.join(runDir, 'runs', 't2-aggressive-r1', 'trace.json'), 'utf8'));
    expect(trace.traceEvents.filter((e: { ph: string }) => e.ph === 'X')).toHaveLength(4);
  }, 120_000);

  it('reads a JSON-lines file named with {workdir}', async () => {
    const { report } = await runScheduled('{ file: "{workdir}/schedule.jsonl" }');
    const single = report.schedules.configurations.find((c: { key: string }) => c.key === 't1-aggressive');
    expect(single).toMatchObject({ workMs: 550, criticalPathMs: 350, boundMs: 550, makespanMs: 550 });
    expect(report.runs[0].schedule.classes).toEqual(['PARALLEL_SAFE']);
    expect(
      report.performance.findings.some((f: string) =>
        f.startsWith('no thread count can run this faster than ×1.57: the critical path is 63.6% of the work'),
      ),
    ).toBe(true);
  }, 120_000);

  it('refuses an unknown placeholder in the file path', async () => {
    const dir = await makeTempDir('tg-scheduled-');
    const file = await writeMatrix(dir, '{ file: "{workdir}/{nope}.jsonl" }');
    await expect(loadMatrix(file)).rejects.toThrow('target.schedule.file: unknown placeholder {nope}');
  });
});

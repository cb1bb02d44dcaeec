// End to end through the CLI with a real run of a stand-in orchestrator: the run's history is built
// around it (its own samples, re-timed for 29 earlier commits), `gate --history` exits 3 naming the
// commit where the slowdown began and leaves the file alone, `run --history` appends the next run,
// and `history check --json` / `history report` say the same.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToHistory } from '../../src/history/history-store.js';
import { readHistory } from '../../src/history/read-history.js';
import { buildHistoryRun } from '../../src/history/run-entry.js';
import type { Report } from '../../src/report/types.js';
import { commandTargetLines, FAULTY, makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';
import { shaOf } from './history-fixtures.js';
import { rm } from 'node:fs/promises';

const MATRIX = [
  ...commandTargetLines(FAULTY, ['--fault', 'none']),
  'threads: [1, 2]',
  'modes: [sequential]',
  'repetitions: 3',
  'warmup: 0',
  'timeout: 30s',
];

/** The run's report as if measured `nightsBefore` nights earlier, every wall time × `factor`. */
function earlier(report: Report, nightsBefore: number, factor: number): Report {
  const startedAt = new Date(Date.parse(report.startedAt) - nightsBefore * 86_400_000).toISOString();
  return {
    ...report,
    startedAt,
    runs: report.runs.map((run, i) => ({
      ...run,
      startedAt,
      wallMs: run.wallMs * factor * (1 + 0.004 * ((nightsBefore + i) % 3)),
    })),
  };
}

describe('history through the CLI', () => {
  let dir: string;
  let runDir: string;
  let report: Report;
  beforeAll(async () => {
    dir = await makeTempDir('tg-history-cli-');
    const run = await runMatrixLines(dir, 'history-cli', MATRIX);
    expect(run.exitCode, run.stderr).toBe(0);
    runDir = run.runDir;
    report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gate --history exits 3 for a slowdown that began 4 commits ago and names the commits', async () => {
    const file = path.join(dir, 'gate.duckdb');
    // 26 nights at 1/3 of tonight's times, then 3 nights at tonight's level; tonight is the 4th.
    const past = Array.from({ length: 29 }, (_, k) => {
      const nightsBefore = 29 - k;
      return buildHistoryRun(earlier(report, nightsBefore, k < 26 ? 1 / 3 : 1), {
        sha: shaOf(k),
        time: new Date(Date.parse(report.startedAt) - nightsBefore * 86_400_000).toISOString(),
        branch: 'main',
      });
    });
    await appendToHistory(file, past);
    const gate = await runCli(['gate', runDir, '--history', file, '--commit', shaOf(29), '--no-baseline']);
    expect(gate.exitCode, `${gate.stdout}${gate.stderr}`).toBe(3);
    expect(gate.stdout, 'the commit range').toContain(
      `began between ${shaOf(25).slice(0, 10)} and ${shaOf(26).slice(0, 10)} (4 commit(s) ago`,
    );
    expect((await readHistory(file)).runs, 'gate wrote nothing').toBe(29);
    const narrow = await runCli([
      'gate',
      runDir,
      '--history',
      file,
      '--commit',
      shaOf(29),
      '--history-window',
      '3',
      '--no-baseline',
    ]);
    expect(narrow.exitCode, `window 3: ${narrow.stdout}`).toBe(0);

    const check = await runCli(['history', 'check', '--db', file, '--json']);
    expect(check.exitCode, check.stderr).toBe(0);
    const parsed = JSON.parse(check.stdout) as {
      series: { metric: string; changes: { firstAfter: string; relativeChange: number }[] }[];
    };
    const wall = parsed.series.filter((s) => s.metric === 'wallMs');
    expect(wall.length, 'one wall-time series per configuration').toBe(2);
    for (const series of wall)
      expect(
        series.changes.map((c) => c.firstAfter),
        'where it began',
      ).toEqual([shaOf(26)]);
  }, 120_000);

  it('run --history adds the run and judges it; bad flags fail before anything runs', async () => {
    const file = path.join(dir, 'run.duckdb');
    const run = await runMatrixLines(dir, 'history-cli', MATRIX, {
      flags: ['--history', file, '--commit', 'feedbeef'],
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const history = await readHistory(file);
    expect(history.runs, 'runs').toBe(1);
    expect(
      history.points.map((p) => p.commit),
      'its commit',
    ).toEqual(['feedbeef', 'feedbeef']);

    const badCommit = await runMatrixLines(dir, 'history-cli', MATRIX, {
      flags: ['--history', file, '--commit', '--oops'],
    });
    expect(badCommit.exitCode, badCommit.stderr).toBe(2);
    const notHistory = await runMatrixLines(dir, 'history-cli', MATRIX, {
      flags: ['--history', path.join(dir, 'history-cli.yaml')],
    });
    expect(notHistory.exitCode, 'a matrix file as history').toBe(2);
    expect(notHistory.stderr, 'named').toContain('not a DuckDB database file');
  }, 180_000);
});

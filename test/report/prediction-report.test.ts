// Predicted beside measured, end to end: a real run of the built-in orchestrator, its report
// rebuilt with --predict-cores, and the prediction in report.json, report.md and report.html.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

let runDir: string;

beforeAll(async () => {
  const dir = await makeTempDir('tg-prediction-');
  const run = await runMatrixLines(
    dir,
    'tiny-prediction',
    [
      'target: { kind: builtin, employees: 300, years: 2025-2026, seed: 42 }',
      'threads: [1, 2]',
      'modes: [selective]',
      'reference: { threads: 1, mode: selective }',
      'repetitions: 1',
      'warmup: 0',
    ],
    { out: path.join(dir, 'out') },
  );
  expect(run.exitCode, `run exit: ${run.stderr}`).toBe(0);
  runDir = run.runDir;
}, 300_000);

describe('report --predict-cores', () => {
  it('puts predicted beside measured in every report, predictions up to 16 threads and on another core count marked so', async () => {
    const result = await runCli(['report', runDir, '--predict-cores', '16']);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
    const prediction = report.prediction!;
    expect(prediction.referenceRun, "the reference run's schedule").toBe('t1-selective-r1');
    expect(prediction.rules).toBe('builtin');
    expect(prediction.calibration.fittedOn.sort(), 'calibrated on both measured configurations').toEqual([
      't1-selective',
      't2-selective',
    ]);
    const measured = prediction.configurations.filter((c) => c.measuredMs !== null);
    expect(
      measured.map((c) => c.threads),
      'measured ones carry their measured median',
    ).toEqual([1, 2]);
    for (const c of measured) {
      const median = report.performance.configurations.find((p) => p.threads === c.threads)!.medianMs;
      expect(c.measuredMs, "measured is the report's median").toBe(Math.round(median));
      expect(c.errorPct, 'error from the two').toBe(Math.round(((c.predictedMs - median) / median) * 1000) / 10);
    }
    expect(
      prediction.configurations.map((c) => c.threads),
      'every count to 16',
    ).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(prediction.otherCores?.cores, 'the other core count').toBe(16);
    expect(
      prediction.otherCores?.configurations.every((c) => c.measuredMs === null && c.predictedMs > 0),
      'predictions only',
    ).toBe(true);
    const markdown = await readFile(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown, 'report.md section').toContain('## Predicted beside measured');
    expect(markdown, 'unmeasured rows marked').toMatch(
      /\| 16 \| selective \| [\d.]+ (?:ms|s|min) \(prediction\) \| – \| – \|/,
    );
    expect(markdown, 'the 16-core table').toContain('On a 16-core machine this schedule would give (predictions):');
    const html = await readFile(path.join(runDir, 'report.html'), 'utf8');
    expect(html, 'html section').toContain('<section id="prediction">');
    expect(html, 'html chart marked as predictions').toContain('id="chart-prediction"');
  }, 120_000);

  it('refuses a bad core count with one line and exit 2', async () => {
    const result = await runCli(['report', runDir, '--predict-cores', '0']);
    expect(result.exitCode, 'exit').toBe(2);
    expect(result.stderr.trim(), 'one line naming the flag').toBe(
      'threadgate: error: --predict-cores: expected a whole number of cores from 1 to 1024, got "0"',
    );
  });
});

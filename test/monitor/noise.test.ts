// A noisy machine is detected, not silently measured: a CPU hog planted beside a run is caught by
// the sampler, the run is flagged noisy, re-run when the matrix asks, and the matrix warns up front.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeNoise } from '../../src/monitor/noise.js';
import { summarizeTimeline } from '../../src/monitor/timeline-summary.js';
import { startTreeSampler } from '../../src/monitor/tree-sampler.js';
import type { Report } from '../../src/report/types.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { commandTargetLines, FAULTY, makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

const BUSY = fileURLToPath(new URL('../fixtures/busy-threads.mjs', import.meta.url));
let hog: ChildProcess | null = null;

/** A node child spinning one core, outside any run's tree. */
function plantHog(): void {
  hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

afterEach(() => {
  hog?.kill('SIGKILL');
  hog = null;
});

describe('noise figures', () => {
  it('come from the cumulative sums: system busy − steal − tree − harness, over the span', () => {
    const summary = summarizeTimeline({
      samples: [
        {
          tMs: 1000,
          treeCores: 1,
          treeRssBytes: 0,
          treePssBytes: null,
          processes: 1,
          systemCpuPercent: 0,
          systemMemUsedBytes: 0,
        },
      ],
      intervalMs: 100,
      cpuTicks: 100,
      ticksPerSecond: 100,
      peakProcessHwmBytes: 0,
      // 1 s: 2.0 cores busy system-wide (0.1 of it steal), the tree 1 s of CPU, the harness 20 ms.
      system: { systemCoreMs: 2000, stealCoreMs: 100, selfCpuMs: 20 },
    });
    expect(summary.outsideCores, 'outside').toBeCloseTo(0.88, 6);
    expect(summary.stealCores, 'steal').toBeCloseTo(0.1, 6);
    expect(judgeNoise(summary, 0.25), 'over a quarter core').toEqual({
      outsideCores: 0.88,
      stealCores: 0.1,
      noisy: true,
    });
    expect(judgeNoise({ ...summary, outsideCores: 0.1, stealCores: 0.1 }, 0.25)?.noisy, '0.2 cores is quiet').toBe(
      false,
    );
    expect(judgeNoise({ ...summary, outsideCores: undefined }, 0.25), 'not measured').toBeNull();
  });

  it('catch a CPU hog planted beside a sampled run', async () => {
    plantHog();
    const child = spawn(process.execPath, [BUSY, '1', '800'], { stdio: 'ignore' });
    const sampler = startTreeSampler(child.pid!, { intervalMs: 100 });
    await new Promise((resolve) => child.once('exit', resolve));
    const { summary, samples, processIds } = await sampler.stop();
    // The hog spins a whole core; on a 2-core machine the run's own core leaves it one.
    expect(summary.outsideCores, `outside cores (tree ${summary.meanCores.toFixed(2)})`).toBeGreaterThan(0.5);
    expect(judgeNoise(summary, 0.25)?.noisy, 'flagged').toBe(true);
    expect(
      samples.some((sample) => (sample.outsideCores ?? 0) > 0.5),
      'per-sample figures',
    ).toBe(true);
    expect(processIds, 'the tree pids the OOM judge matches').toEqual([child.pid]);
  }, 60_000);
});

describe('threadgate run beside a CPU hog', () => {
  it('warns before the matrix, flags the runs noisy, re-runs them once, and keeps the re-runs out of the statistics', async () => {
    const dir = await makeTempDir('tg-noise-');
    plantHog();
    const result = await runMatrixLines(
      dir,
      'noisy',
      [
        ...commandTargetLines(FAULTY),
        'threads: [1]',
        'modes: [sequential]',
        'repetitions: 2',
        'warmup: 0',
        'noise: { threshold: 0.25 }',
      ],
      { progress: true, flags: ['--rerun-noisy', '1'] },
    );
    expect(result.exitCode, `exit code (stderr: ${result.stderr})`).toBe(0);
    expect(result.stderr, 'the warning before the matrix').toMatch(
      /^threadgate: warning: the machine is already busy: \d+\.\d\d cores of other work/m,
    );
    expect(result.stderr.match(/^↻ t1-sequential-r\d noisy \(/gm)?.length, 'each timed run re-run once').toBe(2);
    const { runDir } = result;
    const journal = (await readFile(path.join(runDir, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunRecord);
    expect(
      journal
        .filter((record) => record.superseded)
        .map((record) => record.id)
        .sort(),
      'superseded records kept',
    ).toEqual(['t1-sequential-r1', 't1-sequential-r2']);
    expect(
      journal.filter((record) => !record.superseded).every((record) => record.noisy),
      'the re-runs beside the hog are noisy too',
    ).toBe(true);
    const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
    expect(report.runs.length, 'the report counts each run once').toBe(2);
    expect(report.performance.configurations[0]?.n, 'statistics from the final records').toBe(2);
    expect(report.performance.configurations[0]?.noisySamples, 'noisy samples counted').toBe(2);
    expect(report.performance.findings.join('\n'), 'the finding').toMatch(
      /2 of 2 timed sample\(s\) were measured on a noisy machine/,
    );
    expect(report.recommendation?.reasons.join('\n'), 'the recommendation says it').toMatch(
      /noisy samples behind this recommendation: t1-sequential 2 of 2/,
    );
    const markdown = await readFile(path.join(runDir, 'report.md'), 'utf8');
    expect(markdown, 'report.md').toMatch(
      /Noise: 2 of 2 run\(s\) were measured with more than 0\.25 cores of other work/,
    );
    const csv = (await readFile(path.join(runDir, 'results.csv'), 'utf8')).split('\r\n');
    expect(csv[0], 'csv header').toMatch(/,error,outsideCores,stealCores,noisy,stressBytes$/);
    expect(csv[1], 'csv row').toMatch(/,true,$/);

    // --resume of the finished run repeats nothing: superseded records are not "left to do".
    const resumed = await runCli(['run', '--resume', runDir, '--json', '--no-baseline']);
    expect(resumed.exitCode, `resume exit (stderr: ${resumed.stderr})`).toBe(0);
    const after = (await readFile(path.join(runDir, 'journal.jsonl'), 'utf8')).trim().split('\n');
    expect(after.length, 'no run added by resume').toBe(journal.length);
  }, 120_000);
});

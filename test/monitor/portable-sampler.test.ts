// The portable sampler (pidusage + the process list) against real process trees, as on macOS or
// Windows: memory held in a grandchild found from parent ids, two busy threads, a gone pid. CPU
// figures are checked against what the child measured of itself (the machine is shared).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPortableSampler } from '../../src/monitor/portable-sampler.js';
import { chooseSamplerKind, describeSamplerLimits, startSampler } from '../../src/monitor/select-sampler.js';
import type { Timeline } from '../../src/monitor/types.js';
import { FIXTURES, MIB } from './sample-child.js';

async function samplePortably(
  script: string,
  args: readonly string[],
): Promise<{ timeline: Timeline; stdout: string; exitCode: number | null }> {
  const child = spawn(process.execPath, [path.join(FIXTURES, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The cost ceiling lifted: on this shared machine `ps` may take a few hundred ms of wall time,
  // which the default ceiling (5 %) would turn into one look at the process list in several seconds.
  const sampler = startPortableSampler(child.pid!, { intervalMs: 100, pollBudget: 0.5 });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  return { timeline: await sampler.stop(), stdout, exitCode };
}

describe('startPortableSampler', () => {
  it('finds a grandchild from parent ids and sees the 200 MiB it holds', async () => {
    // Held 5 s: the process list is read every 2 s, the usage every 100 ms.
    const { timeline, exitCode } = await samplePortably('alloc-grandchild.mjs', ['200', '5000']);
    expect(exitCode, 'fixture exit code').toBe(0);
    expect(timeline.sampler, 'which sampler').toBe('portable');
    expect(Math.max(...timeline.samples.map((s) => s.processes)), 'child and grandchild seen together').toBe(2);
    expect(timeline.summary.peakRssBytes, 'peak RSS of the tree').toBeGreaterThanOrEqual(200 * MIB);
    expect(
      timeline.samples.every((s) => s.treePssBytes === null),
      'no PSS without /proc',
    ).toBe(true);
    expect(timeline.processIds?.length, 'both pids recorded').toBe(2);
  }, 60_000);

  // The fixture measures its threads' CPU from /proc/thread-self (Node 20 has no per-thread CPU clock elsewhere).
  it.skipIf(process.platform !== 'linux')(
    'counts two busy threads: cpuMs matches what the child measured of itself',
    async () => {
      const { timeline, stdout } = await samplePortably('busy-threads.mjs', ['2', '1200']);
      const own = JSON.parse(stdout) as { wallMs: number; cpuMs: number };
      const { summary } = timeline;
      console.info(
        `busy-threads (portable): child ${own.cpuMs.toFixed(0)} ms CPU over ${own.wallMs.toFixed(0)} ms; sampler cpuMs ${summary.cpuMs} meanCores ${summary.meanCores.toFixed(2)} peakCores ${summary.peakCores.toFixed(2)}`,
      );
      expect(
        summary.cpuMs,
        'sampler cpuMs ≥ child CPU (− the last interval, lost when the root is reaped)',
      ).toBeGreaterThanOrEqual(own.cpuMs - 2 * 100 - 50);
      expect(summary.cpuMs, 'sampler cpuMs ≤ child CPU + start-up').toBeLessThanOrEqual(own.cpuMs + 1500);
      expect(summary.meanCores * timeline.samples.at(-1)!.tMs, 'meanCores × span = cpuMs').toBeCloseTo(
        summary.cpuMs,
        -1,
      );
      expect(
        timeline.samples.some((s) => s.systemCpuPercent > 0),
        'system CPU from the os module',
      ).toBe(true);
    },
    120_000,
  );

  it('samples a pid that has already gone without failing', async () => {
    const timeline = await startPortableSampler(2 ** 22 + 12345, { intervalMs: 20 }).stop();
    expect(timeline.samples.length, 'samples taken').toBeGreaterThanOrEqual(1);
    expect(
      timeline.samples.every((s) => s.processes === 0),
      'no processes',
    ).toBe(true);
    expect(timeline.summary, 'empty summary').toMatchObject({ peakRssBytes: 0, meanCores: 0, peakCores: 0, cpuMs: 0 });
  });
});

describe('chooseSamplerKind', () => {
  it('takes /proc on Linux, the portable sampler elsewhere or when asked, and refuses what it cannot do', () => {
    expect(chooseSamplerKind({}, 'linux'), 'Linux').toBe('proc');
    expect(chooseSamplerKind({ THREADGATE_SAMPLER: 'portable' }, 'linux'), 'forced').toBe('portable');
    expect(chooseSamplerKind({ THREADGATE_PLATFORM_PATHS: 'portable' }, 'linux'), 'all portable paths').toBe(
      'portable',
    );
    expect(chooseSamplerKind({}, 'darwin'), 'macOS').toBe('portable');
    expect(chooseSamplerKind({}, 'win32'), 'Windows').toBe('portable');
    expect(() => chooseSamplerKind({ THREADGATE_SAMPLER: 'fast' }, 'linux'), 'unknown value').toThrow(
      /^THREADGATE_SAMPLER=fast: expected proc or portable$/,
    );
    expect(() => chooseSamplerKind({ THREADGATE_SAMPLER: 'proc' }, 'darwin'), '/proc on macOS').toThrow(
      /THREADGATE_SAMPLER=proc: \/proc is Linux's; this is darwin/,
    );
  });

  it('starts the chosen sampler, and says what the portable one does not measure', async () => {
    const timeline = await startSampler(process.pid, { intervalMs: 50 }, 'portable').stop();
    expect(timeline.sampler, 'portable').toBe('portable');
    expect(timeline.samples.at(-1)?.treeRssBytes, 'this process holds memory').toBeGreaterThan(0);
    expect(describeSamplerLimits('portable'), 'the note').toMatch(
      /^threadgate: note: on .*: the portable sampler measures CPU time and RSS; not measured: PSS/,
    );
  });
});

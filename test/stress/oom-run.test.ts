// A real OOM kill of one run, end to end: a stand-in orchestrator whose memory grows with its
// thread count runs under memory stress inside a small memory cgroup, so the kernel's OOM killer
// takes the 8-thread run and nothing else on the machine. The run is recorded `oom`, the matrix goes
// on, the runs that finished are still checked for determinism, and the gate exits 4.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { createMemoryCgroup } from '../../src/stress/memory-cgroup.js';
import { commandTargetLines, makeTempDir, runMatrixLines } from '../helpers/run-cli.js';

const HUNGRY = fileURLToPath(new URL('../fixtures/memory-hungry.mjs', import.meta.url));

/** Why a memory cgroup cannot be made here, or null when it can (the test needs one to stay safe). */
async function probeCgroup(): Promise<string | null> {
  try {
    await createMemoryCgroup(64 * 1024 * 1024).remove();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const noCgroup = await probeCgroup();

describe.skipIf(noCgroup !== null)(
  `a run killed by the OOM killer under memory stress${noCgroup ? ` (skipped: ${noCgroup})` : ''}`,
  () => {
    it('is recorded oom, the matrix goes on, determinism is judged on the rest, and the gate exits 4', async () => {
      const dir = await makeTempDir('tg-oom-');
      const result = await runMatrixLines(
        dir,
        'oom',
        [
          ...commandTargetLines(HUNGRY, ['--mib-per-thread', '48']),
          'threads: [1, 2, 8]',
          'modes: [sequential]',
          'repetitions: 1',
          'warmup: 0',
          // 40% of 640 MB held: what is left fits 1 and 2 threads (48 and 96 MiB beside DuckDB), not 8 (384 MiB).
          'stress: { memory: 40%, limit: 640MB }',
        ],
        { progress: true },
      );
      expect(result.exitCode, `exit code (stderr: ${result.stderr})`).toBe(4);
      expect(result.stderr, 'the stress is announced').toMatch(
        /memory stress: a helper held 244 MiB \(40% of the cgroup\)/,
      );
      expect(result.stderr, 'progress symbol').toMatch(
        /☠ \[\d\/3\] t8-sequential-r1 .* oom: killed by the kernel's OOM killer/,
      );
      const { runDir } = result;
      const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
      const status = Object.fromEntries(report.runs.map((run) => [run.id, run.status]));
      expect(status, 'statuses').toEqual({
        't1-sequential-r1': 'ok',
        't2-sequential-r1': 'ok',
        't8-sequential-r1': 'oom',
      });
      expect(report.runs.find((run) => run.status === 'oom')?.error, 'the kernel record').toMatch(
        /Memory cgroup out of memory: Killed process \d+ \(node\)/,
      );
      expect(report.determinism.compared, 'the finished runs are still compared').toBe(1);
      expect(report.determinism.verdict, 'verdict').toBe('pass');
      expect(report.gate.reasons.find((r) => r.check === 'failures')?.message, 'gate').toMatch(
        /1 of 3 run\(s\) were killed by the OOM killer/,
      );
      for (const run of report.runs)
        expect(run.stressBytes, `${run.id}: what the helper held`).toBeGreaterThanOrEqual(244 * 1024 * 1024);
      const markdown = await readFile(path.join(runDir, 'report.md'), 'utf8');
      expect(markdown, 'report.md says it ran under stress').toMatch(
        /Memory stress: a helper held 244 MiB \(40% of the cgroup\)/,
      );
      expect(markdown, 'report.md names the OOM kill').toMatch(
        /OOM: 1 run\(s\) killed by the kernel's OOM killer: t8-sequential-r1/,
      );
      const csv = await readFile(path.join(runDir, 'results.csv'), 'utf8');
      expect(csv, 'results.csv status').toMatch(/t8-sequential-r1,8,sequential,1,false,oom,/);
      const junit = await readFile(path.join(runDir, 'junit.xml'), 'utf8');
      expect(junit, 'junit gate failure').toMatch(
        /<testcase name="failures"[^>]*>\s*<failure message="1 of 3 run\(s\) were killed by the OOM killer/,
      );
    }, 120_000);
  },
);

// The real PlanAlign under threadgate: opt-in, since it needs a PlanAlign checkout with its dbt packages
// and a virtualenv with its requirements (README "Running the real PlanAlign"). A 2-configuration,
// 1-year matrix on a census threadgate makes, judged end to end: verdict, digests and telemetry.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { makeTempDir, runMatrixLines } from '../helpers/run-cli.js';

const CHECKOUT = process.env['THREADGATE_PLANALIGN_CHECKOUT'];
const REASON = 'set THREADGATE_PLANALIGN_CHECKOUT (and THREADGATE_PLANALIGN_PYTHON, its venv python) to run it';
// Said once in the test log, since a skipped test's name is not printed by the default reporter.
if (CHECKOUT === undefined) console.warn(`the real PlanAlign test is skipped: ${REASON}`);

describe.skipIf(CHECKOUT === undefined)(
  `the real PlanAlign${CHECKOUT === undefined ? ` (skipped: ${REASON})` : ''}`,
  () => {
    it(
      'runs a 2-configuration, 1-year matrix: identical outputs, real digests, per-stage telemetry',
      async () => {
        const dir = await makeTempDir('tg-planalign-real-');
        const summary = await runMatrixLines(dir, 'planalign-smoke', [
          'target: { kind: planalign, employees: 200, years: 2025-2025, seed: 42 }',
          'threads: [1, 2]',
          'modes: [sequential]',
          'repetitions: 1',
          'warmup: 0',
          'timeout: 20m',
        ]);
        const report = JSON.parse(await readFile(path.join(summary.runDir, 'report.json'), 'utf8')) as Report;
        expect(
          report.runs.map((r) => `${r.id} ${r.status}`).sort(),
          `both runs succeed: ${report.runs.map((r) => r.error ?? '').join(' ')}`,
        ).toEqual(['t1-sequential-r1 ok', 't2-sequential-r1 ok']);
        expect(report.determinism.verdict, JSON.stringify(report.determinism.divergences)).toBe('pass');
        for (const r of report.runs) {
          const events = r.digests?.['fct_yearly_events'];
          expect(events?.present && events.rowCount > 0, `${r.id}: fct_yearly_events digested`).toBe(true);
          expect(
            r.digests?.['fct_workforce_snapshot']?.rowCount,
            `${r.id}: one snapshot row per employee and year`,
          ).toBeGreaterThan(150);
          expect(
            r.stages.map((s) => s.name),
            `${r.id}: PlanAlign's stages from its telemetry`,
          ).toEqual(expect.arrayContaining(['2025/FOUNDATION', '2025/EVENT_GENERATION', '2025/STATE_ACCUMULATION']));
        }
        expect(report.stageTimings?.length, 'stage medians in report.json').toBeGreaterThan(0);
        expect(await readFile(path.join(summary.runDir, 'report.html'), 'utf8'), 'stage table in the page').toContain(
          'id="stage-timings"',
        );
        expect(summary.exitCode, summary.stderr).toBe(0);
      },
      45 * 60_000,
    );
  },
);

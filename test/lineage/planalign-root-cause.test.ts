// The walk on the real PlanAlign: opt-in (THREADGATE_PLANALIGN_CHECKOUT, THREADGATE_PLANALIGN_PYTHON).
// A temporary copy of the checkout, never committed anywhere, has one upstream model changed under
// dbt's `target.threads > 1`: int_workforce_needs grows the workforce one point faster, which reaches
// fct_yearly_events through the hiring models. The report must name int_workforce_needs, its chain,
// and its volatile columns (CURRENT_TIMESTAMP, gen_random_uuid()) as not evidence. The unchanged
// PlanAlign over the same configurations (second test): no root cause, and
// int_workforce_needs_by_level, if it differs, classified as float reassociation.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { makeTempDir, runMatrixLines } from '../helpers/run-cli.js';

const CHECKOUT = process.env['THREADGATE_PLANALIGN_CHECKOUT'];
const REASON = 'set THREADGATE_PLANALIGN_CHECKOUT (and THREADGATE_PLANALIGN_PYTHON, its venv python) to run it';
const MODEL = 'dbt/models/intermediate/int_workforce_needs.sql';
const FIND = "{{ var('target_growth_rate', 0.03) }} AS target_growth_rate";
const PLANTED =
  "{{ var('target_growth_rate', 0.03) }}{% if target.threads > 1 %} + 0.01{% endif %} AS target_growth_rate";

/** A copy of the checkout (no venv, no git history) with the planted change. */
async function plantedCopy(dir: string): Promise<string> {
  const copy = path.join(dir, 'planalign-copy');
  const skipped = new Set(['.venv', '.git', 'target', 'logs', '__pycache__']);
  await cp(CHECKOUT!, copy, {
    recursive: true,
    filter: (source) => !skipped.has(path.basename(source)) && !source.endsWith('.duckdb'),
  });
  const file = path.join(copy, MODEL);
  const sql = await readFile(file, 'utf8');
  expect(sql.includes(FIND), `${MODEL} has the line the test changes`).toBe(true);
  await writeFile(file, sql.replace(FIND, PLANTED));
  return copy;
}

function matrixLines(checkout: string, keep: string): string[] {
  return [
    `target: { kind: planalign, checkout: ${JSON.stringify(checkout)}, employees: 200, years: 2025-2025, seed: 42 }`,
    'threads: [1, 2]',
    'modes: [sequential]',
    'repetitions: 1',
    'warmup: 0',
    'timeout: 30m',
    `keep: ${keep}`,
  ];
}

describe.skipIf(CHECKOUT === undefined)(
  `root cause on the real PlanAlign${CHECKOUT === undefined ? ` (skipped: ${REASON})` : ''}`,
  () => {
    it(
      'names int_workforce_needs changed under target.threads > 1, with its chain to fct_yearly_events',
      async () => {
        const dir = await makeTempDir('tg-planalign-root-');
        const summary = await runMatrixLines(dir, 'planalign-planted', matrixLines(await plantedCopy(dir), 'failures'));
        const report = JSON.parse(await readFile(path.join(summary.runDir, 'report.json'), 'utf8')) as Report;
        expect(
          report.runs.every((r) => r.status === 'ok'),
          report.runs.map((r) => r.error ?? '').join(' '),
        ).toBe(true);
        expect(summary.exitCode, 'a determinism failure').toBe(1);
        const causes = report.rootCauses ?? [];
        expect(
          causes.map((c) => c.relation),
          JSON.stringify(report.lineage),
        ).toEqual(['int_workforce_needs']);
        const [cause] = causes;
        expect(cause!.file).toBe('models/intermediate/int_workforce_needs.sql');
        expect(cause!.configurations).toEqual(['t2-sequential']);
        expect(cause!.columns).toContain('target_growth_rate');
        // CURRENT_TIMESTAMP, gen_random_uuid() and dbt's '{{ invocation_id }}' (line 341 of the model).
        expect(cause!.volatile.map((v) => v.column).sort(), 'wall clock, uuid, dbt call: not evidence').toEqual([
          'calculation_timestamp',
          'dbt_invocation_id',
          'workforce_needs_id',
        ]);
        const toEvents = cause!.chain.find((chain) => chain.to === 'fct_yearly_events');
        expect(toEvents?.path[0]).toBe('int_workforce_needs');
        expect(toEvents?.path, JSON.stringify(cause!.chain)).toContain('int_hiring_events');
        expect(cause!.classification?.verdict).toBe('real-change');
      },
      60 * 60_000,
    );

    it(
      'the unchanged PlanAlign: no root cause; int_workforce_needs_by_level, if it differs, is float reassociation',
      async () => {
        const dir = await makeTempDir('tg-planalign-same-');
        const summary = await runMatrixLines(dir, 'planalign-unchanged', matrixLines(CHECKOUT!, 'all'));
        const report = JSON.parse(await readFile(path.join(summary.runDir, 'report.json'), 'utf8')) as Report;
        expect(summary.exitCode, summary.stderr).toBe(0);
        expect(report.rootCauses ?? []).toEqual([]);
        const byLevel = report.lineage?.otherDifferences.find((o) => o.relation === 'int_workforce_needs_by_level');
        if (byLevel)
          expect(byLevel.classification?.verdict, byLevel.classification?.reason).toBe('float-reassociation');
      },
      60 * 60_000,
    );
  },
);

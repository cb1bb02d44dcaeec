import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/matrix/load-matrix.js';
import { listExemptions } from '../../src/report/exemption-rows.js';
import { markdownExporter } from '../../src/report/markdown-exporter.js';
import { PLANALIGN_TABLE_SPECS } from '../../src/matrix/planalign-tables.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';
import { makeTempDir } from '../helpers/run-cli.js';

describe('planalign tables', () => {
  it("a planalign matrix that names no tables compares PlanAlign's outputs and accumulators, wall-clock columns exempt", async () => {
    const dir = await makeTempDir('tg-pa-tables-');
    const file = path.join(dir, 'pa.yaml');
    await writeFile(file, `target: { kind: planalign, checkout: ${JSON.stringify(dir)}, employees: 10 }\n`);
    const matrix = await loadMatrix(file, {});
    expect(Object.keys(matrix.tables), 'tables').toEqual([
      'fct_yearly_events',
      'fct_workforce_snapshot',
      'fct_employer_match_events',
      'int_enrollment_state_accumulator',
      'int_deferral_rate_state_accumulator',
      'int_employee_contributions',
    ]);
    expect(matrix.tables['fct_yearly_events'], 'events').toEqual({
      exempt: ['created_at'],
      groupBy: ['simulation_year', 'event_type'],
      round: {},
    });
    expect(matrix.tables['int_employee_contributions']?.exempt, 'contributions').toEqual(['calculated_at']);
    const builtin = path.join(dir, 'builtin.yaml');
    await writeFile(builtin, 'target: { kind: builtin }\n');
    expect(Object.keys((await loadMatrix(builtin, {})).tables), 'other targets keep the two tables').toEqual([
      'fct_yearly_events',
      'fct_workforce_snapshot',
    ]);
  });

  it('every report says which columns were not compared and why', () => {
    const report = buildSampleReport();
    const planalign = { ...report, matrix: { ...report.matrix, tables: PLANALIGN_TABLE_SPECS } };
    const rows = listExemptions(planalign);
    expect(rows[1], 'a known PlanAlign column').toEqual({
      table: 'fct_workforce_snapshot',
      column: 'snapshot_created_at',
      reason: 'wall clock: CURRENT_TIMESTAMP (fct_workforce_snapshot.sql)',
    });
    const custom = { ...report.matrix, tables: { t: { exempt: ['stamp'], groupBy: [], round: {} } } };
    expect(listExemptions({ matrix: custom }), 'a column the matrix exempts').toEqual([
      { table: 't', column: 'stamp', reason: 'exempted by the matrix' },
    ]);
    expect(markdownExporter.serialize(planalign) as string, 'markdown').toContain(
      'Not compared: `fct_yearly_events.created_at` (wall clock: CURRENT\\_TIMESTAMP in the event models, carried into the union)',
    );
  });
});

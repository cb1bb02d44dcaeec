// End-to-end: the built CLI (`npm run build` first; `npm test` does it) as CI scripts call it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDatabase, makeTempDir } from './make-database.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const EVENTS = `CREATE TABLE fct_yearly_events (employee_id VARCHAR, event_type VARCHAR, simulation_year INTEGER, compensation_amount DOUBLE, created_at TIMESTAMPTZ)`;
const SNAPSHOT = `CREATE TABLE fct_workforce_snapshot (employee_id VARCHAR, simulation_year INTEGER, current_compensation DOUBLE, snapshot_created_at TIMESTAMPTZ)`;
let reference = '';
let changed = '';
let other = '';

function threadgate(...args: string[]) {
  return execa(process.execPath, [CLI, ...args], { reject: false });
}

beforeAll(async () => {
  const dir = await makeTempDir();
  const events = (amount: number) =>
    `INSERT INTO fct_yearly_events VALUES ('E1', 'hire', 2025, 50000.0, now()), ('E2', 'raise', 2026, ${amount}, now())`;
  const snapshot = `INSERT INTO fct_workforce_snapshot VALUES ('E1', 2025, 50000.0, now()), ('E2', 2026, 61000.0, now())`;
  reference = await makeDatabase(path.join(dir, 'reference.duckdb'), [EVENTS, SNAPSHOT, events(61000), snapshot]);
  changed = await makeDatabase(path.join(dir, 'changed.duckdb'), [EVENTS, SNAPSHOT, events(61000.0000001), snapshot]);
  other = await makeDatabase(path.join(dir, "o'ther.duckdb"), [
    `CREATE TABLE "we""ird" (x INTEGER, created_at TIMESTAMP)`,
    `INSERT INTO "we""ird" VALUES (1, now())`,
  ]);
});

describe('threadgate digest', () => {
  it('prints per-table rows, digest and groups; --json gives the TableDigest records', async () => {
    const text = await threadgate('digest', reference);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^fct_yearly_events {2}2 rows {2}[0-9a-f]{32}$/m);
    expect(text.stdout).toMatch(/^ {2}simulation_year=2026, event_type=raise +1 rows {2}[0-9a-f]{32}$/m);
    const json = JSON.parse((await threadgate('digest', reference, '--json')).stdout);
    expect(Object.keys(json)).toEqual(['fct_yearly_events', 'fct_workforce_snapshot']);
    expect(json.fct_yearly_events.exempt).toEqual(['created_at']);
    expect(text.stdout.split('\n')[0], 'says which digest').toMatch(/^fast digest \(fast-v1, DuckDB v[\d.]+\)/);
    expect(json.fct_yearly_events.algorithm, 'fast by default').toBe('fast-v1');
    const stable = JSON.parse((await threadgate('digest', reference, '--stable', '--json')).stdout);
    expect(stable.fct_yearly_events.algorithm, '--stable').toBe('md5-v2');
    expect(
      stable.fct_yearly_events.schema.map((column: { name: string }) => column.name),
      'schema listed, exempt column too',
    ).toEqual(['compensation_amount', 'created_at', 'employee_id', 'event_type', 'simulation_year']);
  });

  it('digests every table of an unknown database, quoting odd names; honours --table and --group-by', async () => {
    const json = JSON.parse((await threadgate('digest', other, '--json')).stdout);
    expect(json['we"ird']).toMatchObject({ present: true, rowCount: 1, columns: ['x'], exempt: ['created_at'] });
    const grouped = JSON.parse(
      (
        await threadgate(
          'digest',
          reference,
          '--table',
          'fct_workforce_snapshot',
          '--group-by',
          'fct_workforce_snapshot.employee_id',
          '--json',
        )
      ).stdout,
    );
    expect(grouped.fct_workforce_snapshot.groups.map((group: { label: string }) => group.label)).toEqual([
      'employee_id=E1',
      'employee_id=E2',
    ]);
  });

  it('exits 2 with a one-line message for bad input', async () => {
    const missing = await threadgate('digest', path.join(path.dirname(reference), 'nope.duckdb'));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/nope\.duckdb: no such file/);
    const noTable = await threadgate('digest', reference, '--table', 'nosuch');
    expect(noTable.exitCode, 'a table asked for by name that is missing').toBe(2);
    expect(noTable.stdout, 'no "(missing)" line').toBe('');
    expect(noTable.stderr.trim(), 'one line').toBe(
      `threadgate: error: --table nosuch: no such table in ${reference} (it has fct_workforce_snapshot, fct_yearly_events)`,
    );
    const badRound = await threadgate('digest', reference, '--round', 'fct_yearly_events.employee_id=2');
    expect(badRound.exitCode).toBe(2);
    expect(badRound.stderr).toMatch(/round column employee_id is VARCHAR, expected DOUBLE or FLOAT/);
  });
});

describe('threadgate diff', () => {
  it('exits 0 for identical databases (wall clocks differ) and 1 for different ones, naming group and column', async () => {
    const same = await threadgate('diff', reference, reference);
    expect(same.exitCode).toBe(0);
    const different = await threadgate('diff', reference, changed);
    expect(different.exitCode).toBe(1);
    expect(different.stdout).toContain('fct_yearly_events: DIFFERENT  (rows A 2, B 2)');
    expect(different.stdout).toContain('groups: simulation_year=2026, event_type=raise');
    expect(different.stdout).toContain('columns: compensation_amount');
    expect(different.stdout).toMatch(
      /\+1x {2}simulation_year=2026, event_type="raise", employee_id="E2", compensation_amount=61000$/m,
    );
    expect(different.stdout).toContain('fct_workforce_snapshot: identical');
  });

  it('accepts drift with --round and reports JSON', async () => {
    const rounded = await threadgate(
      'diff',
      reference,
      changed,
      '--round',
      'fct_yearly_events.compensation_amount=3',
      '--json',
    );
    expect(rounded.exitCode).toBe(0);
    expect(JSON.parse(rounded.stdout).identical, '61000.0000001 rounds to 61000 at 3 places').toBe(true);
    const text = await threadgate('diff', reference, changed, '--samples', 'x');
    expect(text.exitCode).toBe(2);
  });

  it('exits 2 naming a missing file', async () => {
    const result = await threadgate('diff', reference, '/nonexistent/b.duckdb');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('/nonexistent/b.duckdb: no such file');
  });
});

// digest/diff against a real stand-in orchestrator process with planted faults: each is caught and
// localized to its table, group (year/event type) and column; wall-clock columns alone are not flagged.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TABLES } from '../../src/digest/digest-database.js';
import { diffDatabases } from '../../src/digest/diff-databases.js';
import { makeTempDir } from './make-database.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/faulty-orchestrator.mjs', import.meta.url));
let dir = '';
beforeAll(async () => {
  dir = await makeTempDir();
});

async function simulate(fault: string, threads: number, name = `${fault}-${threads}`): Promise<string> {
  const database = path.join(dir, `${name}.duckdb`);
  await execa(process.execPath, [
    FIXTURE,
    '--threads',
    String(threads),
    '--mode',
    'selective',
    '--database',
    database,
    '--seed',
    '42',
    '--fault',
    fault,
  ]);
  return database;
}

async function diffFault(fault: string, threads = 2) {
  const reference = await simulate(fault, 1);
  const run = await simulate(fault, threads);
  const diff = await diffDatabases(reference, run, DEFAULT_TABLES, { samples: 5 });
  const events = diff.tables.find((table) => table.table === 'fct_yearly_events')!;
  const snapshot = diff.tables.find((table) => table.table === 'fct_workforce_snapshot')!;
  return { diff, events, snapshot };
}

describe('faulty orchestrator', () => {
  it('fault none: runs at 1 and 4 threads differ only in wall-clock columns, which are not flagged', async () => {
    const { diff } = await diffFault('none', 4);
    expect(diff.identical).toBe(true);
  });

  it('double-swap: counts equal, the bag difference shows one surplus row each side', async () => {
    const { events, snapshot } = await diffFault('double-swap');
    expect(events.identical).toBe(false);
    expect(events.rowCounts.a).toBe(events.rowCounts.b);
    expect(events.groups.length).toBeGreaterThanOrEqual(1);
    expect(events.onlyInA.map((row) => row.surplus)).toEqual([1]);
    expect(events.onlyInB.map((row) => row.surplus)).toEqual([-1]);
    expect(snapshot.identical).toBe(true);
  });

  it('column-swap: localized to 2026 raises and compensation_amount', async () => {
    const { events, snapshot } = await diffFault('column-swap');
    expect(events.groups).toEqual(['simulation_year=2026, event_type=raise']);
    expect(events.columns).toEqual(['compensation_amount']);
    expect(events.onlyInA).toHaveLength(2);
    expect(snapshot.identical).toBe(true);
  });

  it('float-drift: a one-ulp change is caught in 2027 promotions, compensation_amount', async () => {
    const { events } = await diffFault('float-drift');
    expect(events.groups).toEqual(['simulation_year=2027, event_type=promotion']);
    expect(events.columns).toEqual(['compensation_amount']);
    const [before] = events.onlyInA;
    const [after] = events.onlyInB;
    expect(after!.values['compensation_amount']).not.toBe(before!.values['compensation_amount']);
  });

  it('flaky: two 1-thread runs differ from each other in event_probability', async () => {
    const first = await simulate('flaky', 1, 'flaky-first');
    const second = await simulate('flaky', 1, 'flaky-second');
    const events = (await diffDatabases(first, second, DEFAULT_TABLES)).tables[0]!;
    expect(events.identical).toBe(false);
    expect(events.columns).toEqual(['event_probability']);
    expect(events.groups).toHaveLength(1);
  });

  it('crash: exits 1 with a message on stderr at 4 threads, succeeds at 2', async () => {
    const crashed = await execa(
      process.execPath,
      [
        FIXTURE,
        '--threads',
        '4',
        '--mode',
        'selective',
        '--database',
        path.join(dir, 'crash.duckdb'),
        '--seed',
        '1',
        '--fault',
        'crash',
      ],
      { reject: false },
    );
    expect(crashed.exitCode).toBe(1);
    expect(crashed.stderr).toMatch(/deadlock detected at 4 threads/);
    await expect(simulate('crash', 2)).resolves.toMatch(/crash-2\.duckdb$/);
  });

  it('hang: sleeps at 8 threads with a sleeping grandchild (killed here by its group)', async () => {
    const child = execa(
      process.execPath,
      [
        FIXTURE,
        '--threads',
        '8',
        '--mode',
        'selective',
        '--database',
        path.join(dir, 'hang.duckdb'),
        '--seed',
        '1',
        '--fault',
        'hang',
      ],
      { reject: false, detached: true, timeout: 1500 },
    );
    const result = await child;
    expect(result.timedOut).toBe(true);
    const grandchild = Number(/grandchild (\d+)/.exec(result.stdout)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    process.kill(-child.pid!, 'SIGKILL');
    const alive = async (): Promise<boolean> => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        // Gone, or a zombie waiting for a reaper (state Z in /proc): either way it no longer runs.
        const stat = await readFile(`/proc/${grandchild}/stat`, 'utf8').catch(() => '');
        if (stat === '' || / Z /.test(stat)) return false;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return true;
    };
    expect(await alive(), 'grandchild gone after the group kill').toBe(false);
  });
});

// The digest worker (a child process of the harness, from dist/: `npm run build` first): the same
// digests as in-process, the caller's input errors kept as InputError, and no worker left behind when
// it is stopped or when its parent is killed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { createDigestWorker } from '../../dist/digest/digest-client.js';
import { digestDatabase } from '../../src/digest/digest-database.js';
import { readScheduleTable } from '../../src/schedules/table-source.js';
import { InputError } from '../../dist/core/errors.js';
import { makeDatabase, makeTempDir } from './make-database.js';

const CLIENT = fileURLToPath(new URL('../../dist/digest/digest-client.js', import.meta.url));
const TABLES = { t: { exempt: [], groupBy: ['g'], round: {} } };

async function isGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (stat === '' || / Z /.test(stat)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('digest worker', () => {
  it('gives the in-process digests, keeps InputError, and ends when stopped', async () => {
    const file = await makeDatabase(path.join(await makeTempDir(), 'w.duckdb'), [
      `CREATE TABLE t AS SELECT i AS id, i % 3 AS g FROM range(1000) r(i)`,
    ]);
    const worker = createDigestWorker();
    const options = { kind: 'fast', columns: true, threads: 2, memoryLimit: '150MB' } as const;
    expect(await worker.digest(file, TABLES, options), 'same as in-process').toEqual(
      await digestDatabase(file, TABLES, options),
    );
    const error = await worker
      .digest(path.join(path.dirname(file), 'nope.duckdb'), TABLES)
      .catch((caught: unknown) => caught);
    expect(error, 'input error').toBeInstanceOf(InputError);
    expect((error as Error).message, 'message').toMatch(/nope\.duckdb: no such file/);
    const pid = worker.pid()!;
    worker.stop();
    expect(await isGone(pid), 'worker gone after stop()').toBe(true);
  }, 60_000);

  it('start() resolves once the worker has loaded DuckDB, and the same worker then serves digests', async () => {
    const file = await makeDatabase(path.join(await makeTempDir(), 's.duckdb'), [
      `CREATE TABLE t AS SELECT i AS id, i % 3 AS g FROM range(10) r(i)`,
    ]);
    const worker = createDigestWorker();
    expect(worker.pid(), 'nothing started yet').toBeNull();
    await worker.start();
    const pid = worker.pid()!;
    const modules = await readFile(`/proc/${pid}/maps`, 'utf8');
    expect(modules, "DuckDB's native library is loaded before the first request").toMatch(/duckdb/i);
    await worker.start();
    expect(worker.pid(), 'a second start() starts nothing new').toBe(pid);
    expect((await worker.digest(file, TABLES, { kind: 'fast' }))['t']?.rowCount, 'served').toBe(10);
    const schedule = await makeDatabase(path.join(path.dirname(file), 'm.duckdb'), [
      `CREATE TABLE run_metadata AS SELECT 'model_' || i AS model, 2025 AS simulation_year, i * 10.0 AS started_ms, i * 10.0 + 5 AS finished_ms, i % 2 AS slot FROM range(4) r(i)`,
    ]);
    expect(
      await worker.readScheduleTable(schedule, 'run_metadata'),
      'a schedule table read in the worker, as in-process',
    ).toEqual(await readScheduleTable(schedule, 'run_metadata'));
    await expect(worker.readScheduleTable(schedule, 'nope'), 'its errors come back as errors').rejects.toThrow(
      'schedule table nope not found',
    );
    expect(worker.pid(), 'by the started worker').toBe(pid);
    worker.stop();
    expect(await isGone(pid), 'worker gone after stop()').toBe(true);
  }, 60_000);

  it('does not outlive a parent killed with SIGKILL', async () => {
    const file = await makeDatabase(path.join(await makeTempDir(), 'k.duckdb'), [
      `CREATE TABLE t AS SELECT 1 AS id, 0 AS g`,
    ]);
    const script = `const { createDigestWorker } = await import(${JSON.stringify(CLIENT)});
const worker = createDigestWorker();
await worker.digest(${JSON.stringify(file)}, ${JSON.stringify(TABLES)});
process.stdout.write(String(worker.pid()) + '\\n');
setInterval(() => {}, 1e6);`;
    const parent = execa(process.execPath, ['--input-type=module', '-e', script], { reject: false });
    const pid = await new Promise<number>((resolve) =>
      parent.stdout!.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))),
    );
    expect(pid, 'worker started').toBeGreaterThan(0);
    parent.kill('SIGKILL');
    await parent;
    expect(await isGone(pid), 'worker gone with its parent').toBe(true);
  }, 60_000);
});

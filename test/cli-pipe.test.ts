// A reader that stops early (`threadgate digest DB | head -1`) closes the pipe under threadgate: the
// exit code must be threadgate's own verdict, with no EPIPE stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { CLI, makeTempDir } from './helpers/run-cli.js';

describe('stdout closed early', () => {
  it("exits with the command's own code and no stack trace when the reader goes away", async () => {
    const dir = await makeTempDir('tg-pipe-');
    const database = path.join(dir, 'many-groups.duckdb');
    const instance = await DuckDBInstance.create(database);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE t AS SELECT range AS k, range * 2 AS v FROM range(50000)');
    connection.closeSync();
    instance.closeSync();
    const child = spawn(process.execPath, [CLI, 'digest', database, '--table', 't', '--group-by', 't.k'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr, 'no stack trace').not.toContain('EPIPE');
    expect(code, 'exit code').toBe(0);
  });
});

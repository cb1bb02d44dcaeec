// Every bad input exits 2 with one line naming what was wrong (real CLI processes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runSimulate } from './simulate-helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-validation-'));
const db = path.join(dir, 'out.duckdb');
const base = ['--years', '2025-2025', '--employees', '50'];

function expectInputError(args: string[], message: string | RegExp): void {
  const result = runSimulate(args);
  expect(result.status, `exit code for ${args.join(' ')}`).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines, 'exactly one line on stderr').toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

describe('simulate input validation', () => {
  beforeAll(() => ensureBuilt());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a thread count outside 1-16', () =>
    expectInputError([...base, '--threads', '17', '--database', db], 'thread_count must be between 1 and 16, got 17'));
  it('rejects a zero thread count', () =>
    expectInputError([...base, '--threads', '0', '--database', db], 'thread_count must be between 1 and 16, got 0'));
  it('rejects a reversed year range', () =>
    expectInputError(['--years', '2029-2025', '--database', db], /--years: the range 2029-2025 is reversed/));
  it('rejects a malformed year range', () =>
    expectInputError(
      ['--years', '2025..2029', '--database', db],
      /--years: expected a range such as 2025-2029, got "2025..2029"/,
    ));
  it('rejects a non-positive employee count', () =>
    expectInputError(['--employees', '0', '--database', db], /--employees: must be a positive integer, got "0"/));
  it('rejects an unknown mode', () =>
    expectInputError(
      [...base, '--mode', 'turbo', '--database', db],
      /--mode: must be one of sequential, selective, aggressive/,
    ));
  it('rejects a database in a missing folder', () =>
    expectInputError(
      [...base, '--database', path.join(dir, 'missing', 'x.duckdb')],
      /--database: cannot write .*does not exist or is not a writable directory/,
    ));
  it('rejects a database under a regular file', () => {
    const file = path.join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expectInputError([...base, '--database', path.join(file, 'x.duckdb')], /--database: cannot write/);
  });
  it('rejects an unreadable config file, naming it', () =>
    expectInputError(
      [...base, '--database', db, '--config', path.join(dir, 'nope.yaml')],
      /config .*nope\.yaml: cannot read the file \(no such file or directory\)/,
    ));
  it('rejects invalid YAML', () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'orchestrator: [unclosed\n');
    expectInputError([...base, '--database', db, '--config', file], /config .*bad\.yaml: not valid YAML/);
  });
  it('rejects a bad config value, naming the key path', () => {
    const file = path.join(dir, 'threads.yaml');
    writeFileSync(file, 'orchestrator:\n  threading:\n    enabled: true\n    thread_count: 17\n');
    expectInputError(
      [...base, '--database', db, '--config', file],
      /config .*threads\.yaml: orchestrator\.threading\.thread_count must be an integer between 1 and 16, got 17/,
    );
  });
  it('refuses an existing database without --force and replaces it with --force', () => {
    const existing = path.join(dir, 'existing.duckdb');
    writeFileSync(existing, '');
    expectInputError([...base, '--database', existing], /already exists; pass --force to replace it/);
    const forced = runSimulate([...base, '--database', existing, '--force', '--json']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout).rows.stg_census_data, 'census rows').toBe(50);
  });
  it('takes threads, mode and seed from a PlanAlign config, flags winning', () => {
    const file = path.join(dir, 'planalign.yaml');
    writeFileSync(
      file,
      'simulation:\n  random_seed: 9\n  start_year: 2026\n  end_year: 2026\norchestrator:\n  threading:\n    enabled: true\n    thread_count: 3\n    mode: aggressive\n',
    );
    const result = runSimulate([
      '--employees',
      '50',
      '--database',
      path.join(dir, 'cfg.duckdb'),
      '--config',
      file,
      '--seed',
      '11',
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout), 'resolved settings').toMatchObject({
      threads: 3,
      threadSource: 'config',
      mode: 'aggressive',
      seed: 11,
      years: '2026-2026',
    });
  });
});

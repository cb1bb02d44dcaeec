// A newcomer's first minutes, through the real CLI: the bare command lists every command, each
// command's --help has examples and marks what is required, `run --help` says what the default
// matrix sets, and a mistyped flag gets a suggestion.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_LIST } from '../src/commands/command-list.js';
import { makeTempDir, runCli } from './helpers/run-cli.js';

describe('help a newcomer reads', () => {
  it('bare threadgate names every command, census included', async () => {
    const bare = await runCli([]);
    expect(bare.exitCode, 'exit').toBe(2);
    expect(bare.stderr.trim(), 'one line').toBe(
      `threadgate: error: name a command: ${Object.keys(COMMAND_LIST).join(', ')} (threadgate --help describes each)`,
    );
    expect(bare.stderr, 'census').toContain('census');
  });

  it("every command's --help shows two or three examples; required positionals are marked", async () => {
    for (const name of Object.keys(COMMAND_LIST)) {
      const help = await runCli([name, '--help']);
      expect(help.exitCode, `${name} --help exit`).toBe(0);
      const examples = help.stdout.slice(help.stdout.indexOf('Examples:'));
      const count = examples.split('\n').filter((line) => line.startsWith(`  threadgate ${name}`)).length;
      expect(help.stdout, `${name} has examples`).toContain('Examples:');
      expect(count, `${name}: examples`).toBeGreaterThanOrEqual(2);
      expect(count, `${name}: examples`).toBeLessThanOrEqual(3);
    }
    expect((await runCli(['gate', '--help'])).stdout, 'gate <run-dir> required').toMatch(
      /run-dir\s+a run directory\s+\[string\] \[required\]/,
    );
    expect((await runCli(['simulate', '--help'])).stdout, 'simulate --database required').toContain(
      'DuckDB file to create (required)',
    );
  });

  it('run --help says what the default matrix sets', async () => {
    const help = (await runCli(['run', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help, '--reps').toContain(
      'timed repetitions per configuration [string] [default: from the matrix; quick.yaml: 2]',
    );
    expect(help, '--threads').toContain('[default: from the matrix; quick.yaml: 1, 2, 4]');
    expect(help, '--timeout').toContain('[default: from the matrix; quick.yaml: 2m]');
  });

  it('an unknown flag gets a suggestion, as an unknown command does', async () => {
    const thread = await runCli(['run', '--thread', '2', '--dry-run']);
    expect([thread.exitCode, thread.stderr.trim()], '--thread').toEqual([
      2,
      'threadgate: error: unknown option --thread (did you mean --threads?)',
    ]);
    const mode = await runCli(['run', '--mode', 'aggressive', '--dry-run']);
    expect(mode.stderr.trim(), '--mode').toBe('threadgate: error: unknown option --mode (did you mean --modes?)');
    const far = await runCli(['gate', 'x', '--zzzzzz']);
    expect(far.stderr.trim(), 'no near name: no suggestion').toBe('threadgate: error: unknown option --zzzzzz');
  });

  it('says what went wrong with a path in words, never with an errno code', async () => {
    const dir = await makeTempDir('tg-errno-');
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const cases = [
      [
        'run',
        '--out',
        path.join(file, 'out'),
        '--threads',
        '1',
        '--modes',
        'sequential',
        '--reps',
        '1',
        '--warmup',
        '0',
      ],
      ['run', path.join(file, 'm.yaml'), '--dry-run'],
      ['simulate', '--database', path.join(dir, 'x.duckdb'), '--config', path.join(file, 'c.yaml')],
    ];
    for (const args of cases) {
      const result = await runCli(args);
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr.trim().split('\n'), `${args[0]}: one line`).toHaveLength(1);
      expect(result.stderr, `${args[0]}: in words`).toContain('a part of the path is a file, not a folder');
      expect(result.stderr, `${args[0]}: no errno code`).not.toMatch(/\bE[A-Z]{3,}\b/);
    }
  });
});

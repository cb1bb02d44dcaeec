// The CLI front: each command's module is loaded only when that command runs, yet help and
// suggestions still know every command.
import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, commandsFor } from '../src/commands/command-loaders.js';
import { runCli } from './helpers/run-cli.js';

describe('command loading', () => {
  it('keys every loader by the first word of its command', async () => {
    for (const [name, load] of Object.entries(COMMAND_LOADERS)) {
      const command = await load();
      expect(String(command.command).split(' ')[0], `loader ${name}`).toBe(name);
    }
  });

  it('loads only the named command, and all of them otherwise', async () => {
    expect((await commandsFor(['simulate', '--threads', '2'])).map((c) => c.command)).toEqual(['simulate']);
    expect(await commandsFor(['--help']), 'help').toHaveLength(Object.keys(COMMAND_LOADERS).length);
    expect(await commandsFor(['constructor']), 'not a command, though an Object property').toHaveLength(
      Object.keys(COMMAND_LOADERS).length,
    );
  });

  it('lists every command in --help and suggests the closest name for a typo', async () => {
    const help = await runCli(['--help']);
    expect(help.exitCode).toBe(0);
    for (const name of Object.keys(COMMAND_LOADERS)) expect(help.stdout, name).toContain(`threadgate ${name}`);
    const typo = await runCli(['simulat']);
    expect(typo.exitCode, 'unknown command is an input error').toBe(2);
    expect(typo.stderr).toContain('simulate');
  });
});

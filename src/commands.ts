// The list of commands the CLI registers; each lives beside the concern it fronts.
import type { CommandModule } from 'yargs';
import { diffCommand } from './digest/diff-command.js';
import { digestCommand } from './digest/digest-command.js';
import { simulateCommand } from './orchestrator/simulate-command.js';

// yargs command modules differ in their argument types; the CLI only needs to register them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly CommandModule<any, any>[] = [digestCommand, diffCommand, simulateCommand];

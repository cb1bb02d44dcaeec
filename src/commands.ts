// The list of commands the CLI registers; each lives beside the concern it fronts.
import type { CommandModule } from 'yargs';
import { baselineCommand } from './baselines/baseline-command.js';
import { gateCommand } from './baselines/gate-command.js';
import { diffCommand } from './digest/diff-command.js';
import { digestCommand } from './digest/digest-command.js';
import { simulateCommand } from './orchestrator/simulate-command.js';
import { recommendCommand } from './report/recommend-command.js';
import { reportCommand } from './report/report-command.js';
import { mergeCommand } from './runner/merge-command.js';
import { runCommand } from './runner/run-command.js';

// yargs command modules differ in their argument types; the CLI only needs to register them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly CommandModule<any, any>[] = [
  runCommand,
  reportCommand,
  gateCommand,
  recommendCommand,
  baselineCommand,
  mergeCommand,
  digestCommand,
  diffCommand,
  simulateCommand,
];

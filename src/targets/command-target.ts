// Any orchestrator started from an argument vector with placeholders (never a shell string).
import type { CommandTargetSpec } from '../matrix/types.js';
import { fillPlaceholders, placeholderValues } from '../matrix/placeholders.js';
import type { LaunchSpec, RunContext, Target } from './types.js';

/** Runs a user-named command once per planned run. */
export function createCommandTarget(spec: CommandTargetSpec): Target {
  const [file, ...args] = spec.command;
  if (file === undefined) throw new Error('command target: empty command (the matrix schema should have refused it)');
  return {
    kind: 'command',
    describe: () => `command: ${spec.command.join(' ')}`,
    version: async () => spec.env['THREADGATE_TARGET_VERSION'] ?? 'unknown',
    launch(context: RunContext): LaunchSpec {
      const values = placeholderValues(context);
      return {
        file: fillPlaceholders(file, values),
        args: args.map((argument) => fillPlaceholders(argument, values)),
        cwd: spec.cwd,
        env: { ...spec.env },
      };
    },
  };
}

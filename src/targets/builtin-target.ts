// The built-in reference orchestrator, run as `threadgate simulate` in a process of its own.
import { access } from 'node:fs/promises';
import type { BuiltinTargetSpec } from '../matrix/types.js';
import { CLI_ENTRY, TOOL_VERSION } from '../core/package-info.js';
import { InputError } from '../core/errors.js';
import { threadPoolSizeFor } from '../core/thread-pool-size.js';
import type { LaunchSpec, RunContext, Target } from './types.js';

/** Runs the reference orchestrator shipped with threadgate. */
export function createBuiltinTarget(spec: BuiltinTargetSpec): Target {
  return {
    kind: 'builtin',
    describe: () =>
      `built-in reference orchestrator: ${spec.employees} employees, ${spec.years.start}-${spec.years.end}, seed ${spec.seed}`,
    version: async () => `threadgate-reference ${TOOL_VERSION}`,
    async check() {
      try {
        await access(CLI_ENTRY);
      } catch {
        throw new InputError(`built-in target: ${CLI_ENTRY} is missing; run \`npm run build\` first`);
      }
    },
    launch(context: RunContext): LaunchSpec {
      const { run } = context;
      return {
        file: process.execPath,
        args: [
          CLI_ENTRY,
          'simulate',
          '--threads',
          String(run.threads),
          '--mode',
          run.mode,
          '--years',
          `${spec.years.start}-${spec.years.end}`,
          '--employees',
          String(spec.employees),
          '--seed',
          String(context.seed),
          '--scenario-id',
          spec.scenarioId,
          '--database',
          context.database,
          // Every model's last state stays in the file: the lineage walk compares them (src/lineage).
          '--keep-intermediates',
        ],
        cwd: context.workdir,
        env: { UV_THREADPOOL_SIZE: String(threadPoolSizeFor(run.threads)) },
      };
    },
  };
}

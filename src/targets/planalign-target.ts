// The real PlanAlign orchestrator, run from a private working copy per run because its lock file,
// dbt `target/` and `logs/` are shared by everything started in one checkout (PLANALIGN.md).
import { access, cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { PlanalignTargetSpec } from '../matrix/types.js';
import { InputError } from '../errors.js';
import { applyThreadingSettings, PLANALIGN_KEYS, readPlanalignConfig, setConfigValue } from './planalign-config.js';
import type { LaunchSpec, RunContext, Target } from './types.js';

/** Folders never copied into a run's working copy: history, virtualenvs, and dbt's shared state. */
const SKIPPED = new Set(['.git', '.venv', 'venv', 'node_modules', 'target', 'logs', '__pycache__']);

/** Name of the config overlay written into each run's workdir. */
export const OVERLAY_NAME = 'threadgate_simulation_config.yaml';

/** Runs `python -m planalign_orchestrator run` in a private copy of a PlanAlign checkout. */
export function createPlanalignTarget(spec: PlanalignTargetSpec): Target {
  const copyOf = (context: RunContext) => path.join(context.workdir, 'checkout');
  return {
    kind: 'planalign',
    describe: () => `PlanAlign at ${spec.checkout}, ${spec.years.start}-${spec.years.end}, seed ${spec.seed}`,
    async version() {
      const result = await execa('git', ['-C', spec.checkout, 'rev-parse', '--short', 'HEAD'], { reject: false });
      return result.exitCode === 0 ? `planalign ${result.stdout.trim()}` : 'planalign (unknown commit)';
    },
    async check() {
      for (const required of ['planalign_orchestrator', spec.config]) {
        try {
          await access(path.join(spec.checkout, required));
        } catch {
          throw new InputError(`planalign target: ${path.join(spec.checkout, required)} not found (is target.checkout a PlanAlign checkout?)`);
        }
      }
    },
    async prepare(context: RunContext) {
      await cp(spec.checkout, copyOf(context), {
        recursive: true,
        filter: (source) => !SKIPPED.has(path.basename(source)) && !source.endsWith('.duckdb'),
      });
      const overlay = await buildOverlay(path.join(spec.checkout, spec.config), context);
      await writeFile(path.join(context.workdir, OVERLAY_NAME), overlay);
    },
    launch(context: RunContext): LaunchSpec {
      return {
        file: spec.python,
        args: [
          '-m', 'planalign_orchestrator', 'run',
          '--config', path.join(context.workdir, OVERLAY_NAME),
          '--database', context.database,
          '--years', `${spec.years.start}-${spec.years.end}`,
          '--threads', String(context.run.threads),
        ],
        cwd: copyOf(context),
        env: { ...clearedNavVariables(), ...planalignEnvironment(context), ...spec.env },
      };
    },
  };
}

/** The simulation config with this run's threading settings and seed written in. */
async function buildOverlay(configPath: string, context: RunContext): Promise<string> {
  const config = await readPlanalignConfig(configPath);
  applyThreadingSettings(config, { threads: context.run.threads, mode: context.run.mode });
  setConfigValue(config, PLANALIGN_KEYS.seed, context.seed);
  return config.text;
}

/** PlanAlign reads `NAV_<PATH>` overrides; these make threading real and the seed ours. */
function planalignEnvironment(context: RunContext): Record<string, string> {
  return {
    NAV_ORCHESTRATOR__THREADING__ENABLED: 'true',
    NAV_ORCHESTRATOR__THREADING__MODE: context.run.mode,
    NAV_ORCHESTRATOR__THREADING__THREAD_COUNT: String(context.run.threads),
    NAV_SIMULATION__RANDOM_SEED: String(context.seed),
    PLANALIGN_STRUCTURED_TELEMETRY: '1',
  };
}

/** Any other NAV_* variable in the harness's environment would silently change PlanAlign's config. */
function clearedNavVariables(): Record<string, null> {
  return Object.fromEntries(Object.keys(process.env).filter((name) => name.startsWith('NAV_')).map((name) => [name, null]));
}

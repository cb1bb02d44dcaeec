// The real PlanAlign orchestrator, run from a private working copy per run because its lock file,
// dbt `target/` and `logs/` are shared by everything started in one checkout (docs/planalign.md).
import { access, cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { PlanalignTargetSpec } from '../matrix/types.js';
import { InputError } from '../core/errors.js';
import { prependInterpreterFolder } from '../platform/interpreter-paths.js';
import { createCensusProvider } from './planalign-census-provider.js';
import { applyThreadingSettings, PLANALIGN_KEYS, readPlanalignConfig, setConfigValue } from './planalign-config.js';
import type { LaunchSpec, RunContext, Target } from './types.js';

/** Folders never copied into a run's working copy: history, virtualenvs, and dbt's shared state. */
const SKIPPED = new Set(['.git', '.venv', 'venv', 'node_modules', 'target', 'logs', '__pycache__']);

/** Name of the config overlay written into each run's workdir. */
export const OVERLAY_NAME = 'threadgate_simulation_config.yaml';

/** The run's private working copy of the checkout (dbt leaves its logs and artifacts in its dbt/). */
export function planalignWorkingCopy(context: RunContext): string {
  return path.join(context.workdir, 'checkout');
}

/** Runs `python -m planalign_orchestrator run` in a private copy of a PlanAlign checkout. */
export function createPlanalignTarget(spec: PlanalignTargetSpec): Target {
  const census = createCensusProvider(spec);
  return {
    kind: 'planalign',
    describe: () => `PlanAlign at ${spec.checkout}, ${spec.years.start}-${spec.years.end}, seed ${spec.seed}`,
    async version() {
      const result = await execa('git', ['-C', spec.checkout, 'rev-parse', '--short', 'HEAD'], { reject: false });
      // The kind is printed beside it (`planalign commit 3d34aa3`): the version is the commit alone.
      return result.exitCode === 0 ? `commit ${result.stdout.trim()}` : 'unknown commit';
    },
    async check() {
      for (const required of ['planalign_orchestrator', spec.config]) {
        try {
          await access(path.join(spec.checkout, required));
        } catch {
          throw new InputError(
            `planalign target: ${path.join(spec.checkout, required)} not found (is target.checkout a PlanAlign checkout?)`,
          );
        }
      }
      await checkInterpreter(spec.python);
      await census.check();
    },
    async prepare(context: RunContext) {
      await cp(spec.checkout, planalignWorkingCopy(context), {
        recursive: true,
        filter: (source) => !SKIPPED.has(path.basename(source)) && !source.endsWith('.duckdb'),
      });
      const overlay = await buildOverlay(
        path.join(spec.checkout, spec.config),
        context,
        await census.fileFor(context.runDir),
      );
      await writeFile(path.join(context.workdir, OVERLAY_NAME), overlay);
    },
    launch(context: RunContext): LaunchSpec {
      return {
        file: spec.python,
        args: [
          '-m',
          'planalign_orchestrator',
          'run',
          '--config',
          path.join(context.workdir, OVERLAY_NAME),
          '--database',
          context.database,
          '--years',
          `${spec.years.start}-${spec.years.end}`,
          '--threads',
          String(context.run.threads),
        ],
        cwd: planalignWorkingCopy(context),
        env: { ...clearedNavVariables(), ...planalignEnvironment(context, spec.python), ...spec.env },
      };
    },
  };
}

/** The interpreter and the `dbt` beside it must exist before anything is measured. */
async function checkInterpreter(python: string): Promise<void> {
  const result = await execa(python, ['-c', 'import dbt.version; print(dbt.version.__version__)'], {
    reject: false,
    env: { PATH: planalignPath(python) },
    extendEnv: true,
  });
  if (result.exitCode !== 0) {
    const detail =
      String(result.stderr || result.message || '')
        .trim()
        .split('\n')
        .at(-1) ?? '';
    const reason = result.code === 'ENOENT' ? 'not found' : `cannot import dbt (${detail})`;
    throw new InputError(
      `planalign target: python ${python}: ${reason} (set target.python or THREADGATE_PLANALIGN_PYTHON to PlanAlign's virtualenv python)`,
    );
  }
}

/** The simulation config with this run's threading settings and seed written in. */
async function buildOverlay(configPath: string, context: RunContext, censusFile: string | null): Promise<string> {
  const config = await readPlanalignConfig(configPath);
  applyThreadingSettings(config, { threads: context.run.threads, mode: context.run.mode });
  setConfigValue(config, PLANALIGN_KEYS.seed, context.seed);
  if (censusFile !== null) setConfigValue(config, PLANALIGN_KEYS.censusPath, censusFile);
  return config.text;
}

/**
 * PlanAlign starts `dbt` by name, so the interpreter's own folder (its virtualenv's `bin/`, or
 * `Scripts\` on Windows, where dbt is installed) goes first on PATH: without it a run fails at once with "No such file or directory: 'dbt'".
 */
export function planalignPath(
  python: string,
  inherited: string = process.env['PATH'] ?? '',
  flavour: path.PlatformPath = path,
): string {
  return prependInterpreterFolder(python, inherited, flavour);
}

/** PlanAlign reads `NAV_<PATH>` overrides; these make threading real and the seed ours. */
function planalignEnvironment(context: RunContext, python: string): Record<string, string> {
  return {
    PATH: planalignPath(python),
    // dbt's anonymous usage tracking would try to reach the internet after every call.
    DO_NOT_TRACK: '1',
    NAV_ORCHESTRATOR__THREADING__ENABLED: 'true',
    NAV_ORCHESTRATOR__THREADING__MODE: context.run.mode,
    NAV_ORCHESTRATOR__THREADING__THREAD_COUNT: String(context.run.threads),
    NAV_SIMULATION__RANDOM_SEED: String(context.seed),
    PLANALIGN_STRUCTURED_TELEMETRY: '1',
  };
}

/** Any other NAV_* variable in the harness's environment would silently change PlanAlign's config. */
function clearedNavVariables(): Record<string, null> {
  return Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => name.startsWith('NAV_'))
      .map((name) => [name, null]),
  );
}

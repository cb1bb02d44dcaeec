// The census a planalign target's runs read: the config's own, the user's file, or one threadgate
// makes once per run directory (seeded, so a resumed or sharded run makes the very same census).
import { access } from 'node:fs/promises';
import path from 'node:path';
import { writePlanalignCensus } from '../census/planalign-census.js';
import { InputError } from '../core/errors.js';
import type { PlanalignTargetSpec } from '../matrix/types.js';
import YAML from 'yaml';
import { readPlanalignConfig } from './planalign-config.js';

/** Resolves the census file for a run directory; null = leave the config's census_parquet_path alone. */
export interface CensusProvider {
  check(): Promise<void>;
  fileFor(runDir: string): Promise<string | null>;
}

/** The file name of a generated census in the run directory. */
export function generatedCensusName(employees: number, seed: number): string {
  return `census-${employees}-seed${seed}.parquet`;
}

export function createCensusProvider(spec: PlanalignTargetSpec): CensusProvider {
  const { census } = spec;
  const made = new Map<string, Promise<string>>();
  return {
    async check() {
      if (census.kind === 'config') return checkConfigCensus(spec);
      if (census.kind !== 'file') return;
      await access(census.path).catch(() => {
        throw new InputError(`planalign target: census ${census.path} not found (target.census)`);
      });
    },
    async fileFor(runDir) {
      if (census.kind === 'config') return null;
      if (census.kind === 'file') return census.path;
      const file = path.join(runDir, generatedCensusName(census.employees, spec.seed));
      let pending = made.get(file);
      if (!pending) {
        const censusSpec = { employees: census.employees, seed: spec.seed, startYear: spec.years.start };
        pending = access(file).then(
          () => file,
          async () => {
            await writePlanalignCensus(censusSpec, file);
            return file;
          },
        );
        made.set(file, pending);
      }
      return pending;
    },
  };
}

/**
 * A target with neither `employees` nor `census` reads the config's own census, which PlanAlign's
 * repository does not ship: every run would fail after 20-30 s with dbt's "No files found". Said
 * before the first run instead. PlanAlign resolves a relative path against its repository root
 * (planalign_orchestrator/config/export.py), which for a run is its copy of the checkout.
 */
async function checkConfigCensus(spec: PlanalignTargetSpec): Promise<void> {
  const configFile = path.join(spec.checkout, spec.config);
  const config = await readPlanalignConfig(configFile).catch(() => null);
  if (config === null) return; // an unreadable config is reported by its own check
  const parsed = YAML.parse(config.text) as { setup?: { census_parquet_path?: unknown } } | null;
  const configured = parsed?.setup?.census_parquet_path;
  const relative = typeof configured === 'string' && configured !== '' ? configured : DEFAULT_CENSUS_PATH;
  const resolved = path.isAbsolute(relative) ? relative : path.resolve(spec.checkout, relative);
  const found = await access(resolved).then(
    () => true,
    () => false,
  );
  if (!found) {
    throw new InputError(
      `planalign target: ${spec.config} setup.census_parquet_path resolves to ${resolved}, which does not exist; give the target \`employees: N\` (threadgate makes a seeded census) or \`census: FILE\``,
    );
  }
}

/** PlanAlign's default census path (planalign_orchestrator's config defaults). */
const DEFAULT_CENSUS_PATH = 'data/census_preprocessed.parquet';

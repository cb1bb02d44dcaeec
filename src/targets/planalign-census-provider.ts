// The census a planalign target's runs read: the config's own, the user's file, or one threadgate
// makes once per run directory (seeded, so a resumed or sharded run makes the very same census).
import { access } from 'node:fs/promises';
import path from 'node:path';
import { writePlanalignCensus } from '../census/planalign-census.js';
import { InputError } from '../core/errors.js';
import type { PlanalignTargetSpec } from '../matrix/types.js';

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
        pending = access(file).then(() => file, async () => {
          await writePlanalignCensus(censusSpec, file);
          return file;
        });
        made.set(file, pending);
      }
      return pending;
    },
  };
}

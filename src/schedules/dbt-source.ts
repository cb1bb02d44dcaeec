// The schedule of a dbt project's run, from the files dbt leaves in the project folder: every call
// from logs/dbt.log when it is there, else the last call from target/run_results.json; dependencies
// and groups from target/manifest.json when it is there.
import { describeFileError } from '../core/describe-file-error.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunContext } from '../targets/types.js';
import { parseManifest, parseRunResults, type ManifestNode } from './dbt-artifacts.js';
import { parseDbtLog } from './dbt-log.js';
import type { RawTask, ScheduleSource } from './types.js';

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`${file}: ${describeFileError(error)}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
}

/**
 * Reads the schedule of the dbt project in `projectDir` (the folder holding dbt_project.yml, logs/
 * and target/). Throws when neither logs/dbt.log nor target/run_results.json is there.
 */
export async function readDbtSchedule(projectDir: string): Promise<RawTask[]> {
  const manifestFile = path.join(projectDir, 'target', 'manifest.json');
  const manifestText = await readIfPresent(manifestFile);
  const nodes: Map<string, ManifestNode> =
    manifestText === null ? new Map() : parseManifest(parseJson(manifestText, manifestFile), manifestFile);
  const log = await readIfPresent(path.join(projectDir, 'logs', 'dbt.log'));
  if (log !== null) return parseDbtLog(log, nodes);
  const resultsFile = path.join(projectDir, 'target', 'run_results.json');
  const results = await readIfPresent(resultsFile);
  if (results === null)
    throw new Error(`no dbt schedule in ${projectDir}: neither logs/dbt.log nor target/run_results.json`);
  return parseRunResults(parseJson(results, resultsFile), nodes, resultsFile);
}

/** A source reading the dbt project at `projectDir(context)` of each run (e.g. its working copy's dbt/). */
export function createDbtSource(projectDir: (context: RunContext) => string): ScheduleSource {
  return {
    describe: 'dbt logs/dbt.log and target/manifest.json',
    read: (context) => readDbtSchedule(projectDir(context)),
  };
}

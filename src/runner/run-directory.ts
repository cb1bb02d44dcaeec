// The run directory contract: reports/<matrix>-<UTC timestamp>/ with plan.json, journal.jsonl,
// the reports, and runs/<run-id>/ for each run's files.
import { readFile, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import type { Plan } from '../matrix/types.js';
import type { HardwareFingerprint } from '../monitor/types.js';
import { JOURNAL_FILE } from './journal.js';
import { describeWriteError, makeDirectory } from '../core/write-failure.js';

export const PLAN_FILE = 'plan.json';

/** plan.json: enough to resume, merge and re-report a run without the original matrix file. */
export interface PlanFile {
  readonly schemaVersion: 1;
  readonly createdAt: string;
  readonly toolVersion: string;
  readonly hardware: HardwareFingerprint;
  /**
   * Every machine the runs ran on, when a merge joined shards from more than one (`merge
   * --mixed-hardware`): the outputs can be judged together, their timings cannot be pooled.
   */
  readonly mixedHardware?: readonly HardwareFingerprint[];
  readonly target: { readonly kind: string; readonly version: string; readonly description: string };
  readonly plan: Plan;
}

/** `nightly-20261128T153012Z`: sortable, filesystem-safe. */
export function runDirectoryName(matrixName: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const safeName = matrixName.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safeName}-${stamp}`;
}

/** Creates a new run directory under `outRoot` (fails early on an unwritable location). */
export async function createRunDirectory(outRoot: string, matrixName: string, now: Date): Promise<string> {
  const runDir = path.resolve(outRoot, runDirectoryName(matrixName, now));
  try {
    await makeDirectory(path.join(runDir, 'runs'));
  } catch (error) {
    throw new InputError(`--out: cannot create run directory ${runDir}: ${describeWriteError(error)}`, {
      cause: error,
    });
  }
  return runDir;
}

export function runFolder(runDir: string, runId: string): string {
  return path.join(runDir, 'runs', runId);
}

export async function writePlanFile(runDir: string, planFile: PlanFile): Promise<void> {
  await writeFile(path.join(runDir, PLAN_FILE), `${JSON.stringify(planFile, null, 2)}\n`);
}

/** Reads plan.json of an existing run directory, with one clear error when it is not one. */
export async function readPlanFile(runDir: string): Promise<PlanFile> {
  const file = path.join(runDir, PLAN_FILE);
  try {
    await access(runDir);
  } catch {
    throw new InputError(`${runDir}: no such run directory`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`${runDir}: not a threadgate run directory (no ${PLAN_FILE})`);
  }
  try {
    const parsed = JSON.parse(text) as PlanFile;
    if (parsed.schemaVersion !== 1 || !parsed.plan) throw new Error('unexpected shape');
    return parsed;
  } catch (error) {
    throw new InputError(`${file}: not a valid plan file: ${(error as Error).message}`);
  }
}

export function journalPath(runDir: string): string {
  return path.join(runDir, JOURNAL_FILE);
}

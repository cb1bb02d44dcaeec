// Merges the shard runs of one matrix into one run directory, as if it had run on one machine:
// its plan is the unsharded plan, its journal every shard's records in that plan's order. The
// reference configuration runs in every shard (so each shard can judge itself); the merge keeps
// shard 1's reference runs and leaves the others' out, so the merged run holds exactly the runs of
// the unsharded plan, each once.
import { access, cp } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { expandPlan } from '../matrix/plan.js';
import { checkShardSet } from './check-shards.js';
import { appendRecord } from '../runner/journal.js';
import { loadRun, type LoadedRun } from './load-run.js';
import {
  createRunDirectory,
  journalPath,
  PLAN_FILE,
  runFolder,
  writePlanFile,
  type PlanFile,
} from '../runner/run-directory.js';
import type { RunRecord } from '../core/run-record.js';

/**
 * Creates a new run directory inside `outRoot` (named like `run`'s: `<matrix>-<UTC stamp>`) holding
 * the merge of the shard runs `runDirs`; returns the merged run.
 */
export async function mergeRuns(
  runDirs: readonly string[],
  outRoot: string,
  now: Date,
  options: { mixedHardware?: boolean } = {},
): Promise<LoadedRun> {
  const shards = checkShardSet(await Promise.all(runDirs.map((dir) => loadRun(path.resolve(dir)))), options);
  const first = shards[0]!;
  const { matrix } = first.planFile.plan;
  const plan = expandPlan(matrix);

  // Lowest shard first wins where an id repeats (only the reference configuration's runs do).
  const records = new Map<string, { record: RunRecord; from: string }>();
  for (const shard of shards) {
    for (const record of shard.records)
      if (!records.has(record.id)) records.set(record.id, { record, from: shard.runDir });
  }

  const outDir = await createRunDirectory(outRoot, matrix.name, now);
  if (
    await access(path.join(outDir, PLAN_FILE)).then(
      () => true,
      () => false,
    )
  ) {
    throw new InputError(`--out: ${outDir} already holds a run; choose another --out folder`);
  }
  const machines = [...new Map(shards.map((shard) => [shard.planFile.hardware.id, shard.planFile.hardware])).values()];
  const planFile: PlanFile = {
    ...first.planFile,
    ...(machines.length > 1 ? { mixedHardware: machines } : {}),
    createdAt: shards.map((shard) => shard.planFile.createdAt).sort()[0] ?? first.planFile.createdAt,
    plan,
  };
  await writePlanFile(outDir, planFile);
  for (const run of plan.runs) {
    const entry = records.get(run.id);
    if (!entry) continue; // a shard that was interrupted: the merged run shows it as pending
    const source = runFolder(entry.from, run.id);
    if (
      await access(source).then(
        () => true,
        () => false,
      )
    )
      await cp(source, runFolder(outDir, run.id), { recursive: true });
    await appendRecord(journalPath(outDir), entry.record);
  }
  return loadRun(outDir);
}

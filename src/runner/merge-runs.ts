// Merges shard runs of one matrix into one run directory, as if it had run on one machine:
// union of plans and journals, the first shard's record winning where ids repeat (the reference
// configuration runs in every shard so each can judge itself).
import { access, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { PlannedRun } from '../matrix/types.js';
import { appendRecord } from './journal.js';
import { loadRun, type LoadedRun } from './load-run.js';
import { journalPath, runFolder, writePlanFile, type PlanFile } from './run-directory.js';
import type { RunRecord } from './types.js';

/** Fields of a resolved matrix that shards legitimately share; everything else must be equal. */
function comparableMatrix(planFile: PlanFile): string {
  return JSON.stringify(planFile.plan.matrix);
}

/** Creates `outDir` holding the merge of `runDirs`; returns the merged run. */
export async function mergeRuns(runDirs: readonly string[], outDir: string): Promise<LoadedRun> {
  if (runDirs.length < 2) throw new InputError('merge: name at least two run directories');
  const exists = await access(path.join(outDir, 'plan.json')).then(() => true, () => false);
  if (exists) throw new InputError(`--out: ${outDir} already holds a run; choose a new folder`);
  const shards = await Promise.all(runDirs.map((dir) => loadRun(path.resolve(dir))));
  const [first] = shards;
  if (!first) throw new InputError('merge: nothing to merge');
  for (const shard of shards.slice(1)) {
    if (comparableMatrix(shard.planFile) !== comparableMatrix(first.planFile)) {
      throw new InputError(`merge: ${shard.runDir} ran a different matrix than ${first.runDir} (${shard.planFile.plan.matrix.name} vs ${first.planFile.plan.matrix.name}, or other settings differ)`);
    }
    if (shard.planFile.hardware.id !== first.planFile.hardware.id) {
      throw new InputError(`merge: ${shard.runDir} ran on other hardware (${shard.planFile.hardware.id}) than ${first.runDir} (${first.planFile.hardware.id}); timings from different machines cannot be merged`);
    }
  }

  const runs = new Map<string, PlannedRun>();
  const records = new Map<string, { record: RunRecord; from: string }>();
  for (const shard of shards) {
    for (const run of shard.planFile.plan.runs) if (!runs.has(run.id)) runs.set(run.id, run);
    for (const record of shard.records) if (!records.has(record.id)) records.set(record.id, { record, from: shard.runDir });
  }

  await mkdir(path.join(outDir, 'runs'), { recursive: true });
  const planFile: PlanFile = {
    ...first.planFile,
    createdAt: shards.map((shard) => shard.planFile.createdAt).sort()[0] ?? first.planFile.createdAt,
    plan: { ...first.planFile.plan, runs: [...runs.values()], shard: null },
  };
  await writePlanFile(outDir, planFile);
  for (const { record, from } of records.values()) {
    const source = runFolder(from, record.id);
    if (await access(source).then(() => true, () => false)) await cp(source, runFolder(outDir, record.id), { recursive: true });
    await appendRecord(journalPath(outDir), record);
  }
  return loadRun(outDir);
}

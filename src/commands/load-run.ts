// Opens an existing run directory: its plan and every journaled record.
import path from 'node:path';
import { findRunDirectory } from '../runner/find-run-directory.js';
import { plansRounds, isSearchRunId } from '../search/replay-search.js';
import { readJournal } from '../runner/journal.js';
import { journalPath, readPlanFile, type PlanFile } from '../runner/run-directory.js';
import { joinStableDigests, readStableDigests } from '../runner/stable-digests.js';
import type { RunRecord } from '../core/run-record.js';

export interface LoadedRun {
  readonly runDir: string;
  readonly planFile: PlanFile;
  readonly records: RunRecord[];
  /** Noisy records replaced by a re-run (`superseded`): kept apart, out of every statistic. */
  readonly superseded?: RunRecord[];
  /** True when the journal's last line was cut short (that run will be run again by --resume). */
  readonly truncatedLine: boolean;
}

/** Reads plan.json and journal.jsonl of `runDir` (InputError when it is not a run directory). */
export async function loadRun(runDir: string): Promise<LoadedRun> {
  const planFile = await readPlanFile(runDir);
  const { records, truncatedLine } = await readJournal(journalPath(runDir));
  // Records of runs the plan does not name (a hand-edited journal) would skew every statistic.
  const planned = new Set(planFile.plan.runs.map((run) => run.id));
  // An adaptive search plans its rounds as it goes: its records are told apart by their ids.
  const isPlanned = plansRounds(planFile.plan.matrix) ? isSearchRunId : (id: string) => planned.has(id);
  const known = joinStableDigests(
    records.filter((record) => isPlanned(record.id)),
    await readStableDigests(runDir),
  );
  return {
    runDir,
    planFile,
    records: known.filter((record) => !record.superseded),
    superseded: known.filter((record) => record.superseded),
    truncatedLine,
  };
}

/** loadRun on the run directory found for `given` (as typed by the user), telling `notes` when it was found inside. */
export async function loadRunFrom(given: string, notes: { write(text: string): unknown }): Promise<LoadedRun> {
  const { runDir, note } = await findRunDirectory(path.resolve(given));
  if (note) notes.write(`threadgate: ${note}\n`);
  return loadRun(runDir);
}

// The loop of an adaptive search: ask the search (a replay of the journal) for the round's runs, run
// them with the runner's own runPlan, read the journal back, and again, until the search stops or
// Ctrl-C. Starting from a half-done journal is `--resume`: the replay takes the same decisions.
import type { Plan } from '../matrix/types.js';
import { readJournal } from '../runner/journal.js';
import { journalPath, readPlanFile } from '../runner/run-directory.js';
import { runPlan, type RunHooks, type RunPlanCollaborators } from '../runner/run-plan.js';
import { finishStableDigests } from '../runner/stable-digests.js';
import type { RunRecord } from '../core/run-record.js';
import { isSearchRunId, replaySearch, selectSearchRecords } from './replay-search.js';
import { writeSearchJournal } from './search-journal.js';

/** One progress line for the whole search (the budget as its total), not one per round. */
function wrapHooks(hooks: RunHooks | undefined, total: number) {
  const wrapped = {
    started: false,
    onPlanStart(info: { total: number; alreadyDone: number; matrix: string }) {
      if (wrapped.started) return;
      wrapped.started = true;
      hooks?.onPlanStart?.({ ...info, total });
    },
    onRunStart: hooks?.onRunStart?.bind(hooks),
    onRunEnd: hooks?.onRunEnd?.bind(hooks),
  };
  return wrapped;
}

/** Runs the search's rounds; returns every record (done first, then new), as runPlan does. */
export async function runSearch(
  plan: Plan,
  runDir: string,
  collaborators: RunPlanCollaborators,
  done: readonly RunRecord[] = [],
): Promise<RunRecord[]> {
  const { matrix } = plan;
  // The machine's memory as plan.json holds it: the report's rule resolves a fractional budget with it.
  const { memoryBytes, logicalCores } = (await readPlanFile(runDir)).hardware;
  const machine = { memoryBytes, cores: logicalCores };
  let journal: readonly RunRecord[] = done;
  let state = replaySearch(matrix, journal, machine);
  const hooks = wrapHooks(collaborators.hooks, state.budgetRuns);
  while (!state.finished && !collaborators.signal?.aborted) {
    await writeSearchJournal(runDir, state.decisions);
    await runPlan(
      { ...plan, runs: state.pending },
      runDir,
      { ...collaborators, hooks, moreRunsMayFollow: true },
      journal,
    );
    if (collaborators.signal?.aborted) break;
    // The journal as written (re-runs of noisy samples included): exactly what a --resume would read.
    const written = (await readJournal(journalPath(runDir))).records.filter((record) => isSearchRunId(record.id));
    // A round that journaled nothing (runPlan stopped early) would be planned again forever.
    if (written.length === journal.length) break;
    journal = written;
    state = replaySearch(matrix, journal, machine);
  }
  await writeSearchJournal(runDir, state.decisions);
  let records = selectSearchRecords(journal);
  if (state.finished) {
    records = await finishStableDigests(
      runDir,
      records,
      matrix,
      { digest: collaborators.digest, take: collaborators.takeStableDigests ?? false },
      new Set(),
    );
  }
  if (!hooks.started) hooks.onPlanStart({ total: state.budgetRuns, alreadyDone: records.length, matrix: matrix.name });
  collaborators.hooks?.onPlanEnd?.();
  return records;
}

// What `--history FILE` does once a run's report is there: add the run to the history (run, merge)
// and judge the history with the run in it (run, merge, gate), so the three commands agree.
import type { Report } from '../report/types.js';
import { checkHistory } from './check-history.js';
import { resolveCommit, targetCheckout } from './commit-info.js';
import { judgeHistory } from './history-gate.js';
import { validateCommit, validateWindow, type HistoryFlags, type HistoryOutcome } from './history-flags.js';
import { appendToHistory } from './history-store.js';
import { readHistory } from './read-history.js';
import { buildHistoryRun } from './run-entry.js';

/**
 * Adds `report`'s run to the history when `add` (run, merge), then judges the history with the run
 * in it (gate adds nothing: the run is judged in memory). `cwd` locates the commit.
 */
export async function applyHistory(
  report: Report,
  flags: HistoryFlags,
  add: boolean,
  cwd: string,
  onWait?: (message: string) => void,
): Promise<HistoryOutcome | null> {
  if (flags.history === undefined) return null;
  const window = validateWindow(flags.historyWindow);
  const commit = await resolveCommit(validateCommit(flags.commit), targetCheckout(report.matrix, cwd));
  const run = buildHistoryRun(report, commit);
  const added = add ? await appendToHistory(flags.history, [run], { onWait }) : 0;
  const history = await readHistory(flags.history, { extraRuns: add ? [] : [run], onWait });
  const check = checkHistory(history);
  return { added, gate: judgeHistory(check, window, history.regressionThresholds, report.matrix.regressionThreshold) };
}

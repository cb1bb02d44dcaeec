// What became of each configuration of a search, in words for the report: recommended, best, kept to
// the end, or dropped after round k because …; added because the model predicted a peak there.
import { formatMs } from '../core/format.js';
import { THREADING_MODES } from '../matrix/types.js';
import { describeEntry, isIneligible, type Race } from './race.js';
import type { ConfigurationFate, SearchDecision } from './types.js';

function lastDecision<K extends SearchDecision['kind']>(
  race: Race,
  kind: K,
  config?: string,
): Extract<SearchDecision, { kind: K }> | null {
  for (let i = race.decisions.length - 1; i >= 0; i -= 1) {
    const decision = race.decisions[i]!;
    if (decision.kind === kind && (config === undefined || ('config' in decision && decision.config === config))) {
      return decision as Extract<SearchDecision, { kind: K }>;
    }
  }
  return null;
}

/** One fate per configuration, in the report's order (mode, then threads). */
export function describeFates(race: Race, finished: boolean): ConfigurationFate[] {
  const stop = lastDecision(race, 'stop');
  const eligible = [...race.entries.values()]
    .filter((e) => !isIneligible(e))
    .map((e) => describeEntry(race, e.key))
    .filter((s) => s !== null);
  const best = eligible.length > 0 ? eligible.reduce((a, b) => (b.medianMs < a.medianMs ? b : a)) : null;
  const fates = [...race.entries.values()].map((entry): ConfigurationFate => {
    const samples = race.byRound.get(entry.key)?.size ?? 0;
    const added = lastDecision(race, 'add', entry.key);
    const addedText = added ? `added after round ${added.round}: ${added.detail}. ` : '';
    const base = {
      config: entry.key,
      threads: entry.config.threads,
      mode: entry.config.mode,
      samples,
      droppedAfterRound: entry.droppedAfterRound,
      addedAfterRound: entry.addedAfterRound,
    };
    if (!entry.live) {
      const drop = lastDecision(race, 'drop', entry.key);
      return {
        ...base,
        fate: 'dropped',
        detail: `${addedText}dropped after round ${entry.droppedAfterRound} (${samples} timed run(s)): ${drop?.detail ?? entry.dropReason}`,
      };
    }
    const stats = describeEntry(race, entry.key);
    const median = stats ? `median ${formatMs(stats.medianMs)} over ${samples} timed run(s)` : 'no timed run yet';
    if (finished && stop?.recommended === entry.key) {
      return {
        ...base,
        fate: 'recommended',
        detail: `${addedText}recommended when the search stopped after round ${stop.round} (${stop.reason}): ${median}`,
      };
    }
    if (finished && best?.key === entry.key)
      return { ...base, fate: 'best', detail: `${addedText}the fastest: ${median}` };
    if (finished && stats === null && stop?.reason === 'budget') {
      // A predicted search's contender its budget did not reach: say so, with what was predicted for it.
      const predicted = lastDecision(race, 'predict')?.predictions.find((p) => p.config === entry.key);
      const guess = predicted ? ` (predicted ${formatMs(predicted.predictedMs)})` : '';
      return {
        ...base,
        fate: 'kept',
        detail: `${addedText}in the race but never measured: the budget of ${race.budgetRuns} runs ran out first${guess}`,
      };
    }
    return {
      ...base,
      fate: finished ? 'kept' : 'unfinished',
      detail: `${addedText}${finished ? 'in the race to the end' : 'still in the race'}: ${median}`,
    };
  });
  const modeRank = (mode: ConfigurationFate['mode']): number => THREADING_MODES.indexOf(mode);
  return fates.sort((a, b) => modeRank(a.mode) - modeRank(b.mode) || a.threads - b.threads);
}

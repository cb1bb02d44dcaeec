// What the search decides after each round: who leaves the race (crashed, diverged, or significantly
// slower than the best by more than the tolerance), who comes back, whether the scaling model adds a
// thread count, and whether the recommendation is decided.
import { judgeDeterminism } from '../analysis/determinism.js';
import { formatBytes, formatMs } from '../core/format.js';
import { chooseRecommended, isWithinTolerance } from '../analysis/recommendation.js';
import { THREADING_MODES, type ThreadingMode } from '../matrix/types.js';
import { proposeAddition } from './model-guide.js';
import { comparePaired, estimatePairNoise, SEARCH_LIMITS, type PairNoise } from './race-statistics.js';
import {
  describeEntry,
  dropEntry,
  isIneligible,
  listSampled,
  type Race,
  type RaceStats,
  type Standing,
} from './race.js';
import type { PairedRatio, StopReason } from './types.js';

function formatRatio(paired: PairedRatio): string {
  return `×${paired.ratio.toFixed(3)} [${paired.low.toFixed(3)}–${paired.high.toFixed(3)}] over ${paired.pairs} paired round(s)`;
}

/** Drops live configurations that crashed, whose output differs from the reference's, or over the memory budget: never eligible. */
function dropIneligible(race: Race, round: number): void {
  const determinism = judgeDeterminism(race.records, race.matrix.reference);
  for (const entry of race.entries.values()) {
    if (!entry.live) continue;
    const own = race.records.filter((r) => r.threads === entry.config.threads && r.mode === entry.config.mode);
    const failed = own.filter((r) => r.status !== 'ok');
    // As the report's rule reads it: the largest peak of the configuration's timed runs.
    const peakRssBytes = Math.max(0, ...own.filter((r) => !r.warmup).map((r) => r.peakRssBytes));
    const samples = race.byRound.get(entry.key)?.size ?? 0;
    if (failed.length > 0) {
      dropEntry(race, entry, round, 'failed', {
        samples,
        against: null,
        paired: null,
        detail: `${failed[0]!.id} ${failed[0]!.status}: a configuration whose runs crash cannot be recommended`,
      });
    } else if (determinism.configurations[entry.key] === 'fail') {
      dropEntry(race, entry, round, 'diverged', {
        samples,
        against: null,
        paired: null,
        detail: "its output differed from the reference run's (not deterministic), so it cannot be recommended",
      });
    } else if (race.memoryBudget && peakRssBytes > race.memoryBudget.bytes) {
      dropEntry(race, entry, round, 'memory', {
        samples,
        against: null,
        paired: null,
        detail: `its peak memory ${formatBytes(peakRssBytes)} exceeds the budget ${race.memoryBudget.label}, so it cannot be recommended`,
      });
    }
  }
}

/** The rule on every eligible configuration, dropped ones included (the report applies it to all runs). */
function computeStanding(race: Race): Standing | null {
  const eligible: RaceStats[] = [];
  for (const entry of race.entries.values()) {
    if (isIneligible(entry)) continue;
    const stats = describeEntry(race, entry.key);
    if (stats) eligible.push(stats);
  }
  if (eligible.length === 0) return null;
  const best = eligible.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const recommended = chooseRecommended(eligible, best, race.matrix.recommendation.tolerance).config;
  return { best, recommended, eligible, noise: estimatePairNoise(race.byRound, best.key) };
}

function pair(race: Race, a: string, b: string, noise: PairNoise): PairedRatio | null {
  const left = race.byRound.get(a);
  const right = race.byRound.get(b);
  return left && right ? comparePaired(left, right, noise) : null;
}

/** A dropped configuration that the rule now names best or recommended comes back: the premise of its drop failed. */
function reviveNamed(race: Race, round: number, standing: Standing): void {
  for (const named of [standing.best, standing.recommended]) {
    const entry = race.entries.get(named.key)!;
    if (entry.live) continue;
    entry.live = true;
    entry.dropReason = null;
    entry.droppedAfterRound = null;
    race.decisions.push({
      kind: 'revive',
      round,
      config: entry.key,
      detail: `the rule now names it ${named === standing.best ? 'the best' : 'the recommendation'} (median ${formatMs(named.medianMs)})`,
    });
  }
}

/** Drops every live configuration that is significantly slower than the best by more than the tolerance. */
function dropSlower(race: Race, round: number, standing: Standing): void {
  const { best, recommended, noise } = standing;
  const tolerance = race.matrix.recommendation.tolerance;
  for (const stats of standing.eligible) {
    const entry = race.entries.get(stats.key)!;
    if (!entry.live || stats === best || stats === recommended || stats.n < SEARCH_LIMITS.minSamples) continue;
    // Within the rule's reach now (median within the tolerance of the best's): it stays.
    if (isWithinTolerance(stats, best, tolerance)) continue;
    const paired = pair(race, stats.key, best.key, noise);
    if (!paired || paired.low <= 1 + tolerance) continue;
    dropEntry(race, entry, round, 'slower', {
      samples: stats.n,
      against: best.key,
      paired,
      detail: `slower than the best (${best.key}) by more than the ${Math.round(tolerance * 100)}% tolerance: median ${formatMs(stats.medianMs)} vs ${formatMs(best.medianMs)}, paired ratio ${formatRatio(paired)}, lower bound above ×${(1 + tolerance).toFixed(2)}`,
    });
  }
}

function ranksBefore(stats: RaceStats, recommended: RaceStats, best: RaceStats): boolean {
  const rank = modeOrder(best);
  return (
    stats.threads < recommended.threads ||
    (stats.threads === recommended.threads && rank(stats.mode) < rank(recommended.mode))
  );
}

function modeOrder(best: RaceStats): (mode: ThreadingMode) => number {
  return (mode) => (mode === best.mode ? -1 : THREADING_MODES.indexOf(mode));
}

/** What the decision still depends on; `why` null for a contender not yet measured (said together, describeOpen). */
interface OpenQuestion {
  readonly key: string;
  readonly why: string | null;
}

/** The open questions in words, the contenders not yet measured named together in one. */
function describeOpen(open: readonly OpenQuestion[]): string {
  const unmeasured = open.filter((q) => q.why === null).map((q) => q.key);
  const said = open.flatMap((q) => (q.why === null ? [] : [q.why]));
  if (unmeasured.length > 0)
    said.push(`not yet measured, though predicted within reach of the best: ${unmeasured.join(', ')}`);
  return said.join('; ');
}

/**
 * The live configurations the recommendation still depends on, each with why. Decided (none) when
 * no live configuration ranks before the recommended one (each such one is dropped, or it would
 * qualify and be the recommendation), and every other live one either cannot become the best
 * (significantly slower than it) or leaves the recommended one qualifying against it (within the
 * tolerance of it with confidence).
 */
function findOpenQuestions(race: Race, standing: Standing): OpenQuestion[] {
  const { best, recommended, noise } = standing;
  const tolerance = race.matrix.recommendation.tolerance;
  const robust = (other: RaceStats): boolean =>
    (pair(race, recommended.key, other.key, noise)?.high ?? Infinity) <= 1 + tolerance;
  const open: OpenQuestion[] = [];
  for (const stats of standing.eligible) {
    if (!race.entries.get(stats.key)!.live || stats === recommended) continue;
    if (ranksBefore(stats, recommended, best)) {
      open.push({ key: stats.key, why: `${stats.key} ranks before ${recommended.key} and is not yet ruled out` });
    } else if (stats === best) {
      if (!robust(best))
        open.push({
          key: stats.key,
          why: `${recommended.key} is not yet surely within the tolerance of the best (${best.key})`,
        });
    } else if ((pair(race, stats.key, best.key, noise)?.low ?? 0) <= 1 && !robust(stats)) {
      open.push({ key: stats.key, why: `${stats.key} could still become the best` });
    }
  }
  // A predicted search's contenders its budget has not reached yet: in the race, and unmeasured.
  for (const entry of race.entries.values()) {
    if (entry.live && entry.planned === 0 && entry.addedAfterRound === null) open.push({ key: entry.key, why: null });
  }
  return open;
}

/** The decisions after round `round`; returns why the search stops, or null to run another round. */
export function decideAfterRound(
  race: Race,
  round: number,
): { reason: StopReason; detail: string; recommended: string | null } | null {
  dropIneligible(race, round);
  const standing = computeStanding(race);
  if (!standing)
    return {
      reason: 'no-contenders',
      recommended: null,
      detail: 'no configuration is eligible (every one crashed, diverged or has no timed run)',
    };
  reviveNamed(race, round, standing);
  dropSlower(race, round, standing);
  const { recommended, best } = standing;
  const open = findOpenQuestions(race, standing);
  // A thread count the model adds is an open question of its own: the search goes on to measure it.
  const added = proposeAddition(race, round, standing);
  if (added) open.push({ key: added.key, why: `${added.key} was added by the model and is not yet measured` });
  if (open.length === 0) {
    return {
      reason: 'decided',
      recommended: recommended.key,
      detail: `${recommended.key} is the recommendation whatever more rounds would show (best ${best.key}, median ${formatMs(best.medianMs)})`,
    };
  }
  // The next round runs only what the decision still depends on: the open ones, the best and the recommended.
  race.questioned = new Set([recommended.key, best.key, ...open.map((q) => q.key)]);
  const undecided = describeOpen(open);
  const next = listSampled(race).length;
  if (next === 0) {
    return {
      reason: 'complete',
      recommended: recommended.key,
      detail: `every contender has its ${race.matrix.repetitions} timed runs (${undecided})`,
    };
  }
  const left = race.budgetRuns - race.plannedRuns;
  // A predicted search spends what is left of its small budget on what the decision hinges on most
  // (the recommended and the best first, then the open questions) rather than stopping with runs unused.
  if (race.plannedRuns + next > race.budgetRuns && race.matrix.search?.strategy === 'predicted' && left > 0) {
    race.questioned = new Set([...race.questioned].slice(0, left));
    return null;
  }
  if (race.plannedRuns + next > race.budgetRuns) {
    return {
      reason: 'budget',
      recommended: recommended.key,
      detail: `${left > 0 ? `the next round (${next} runs) would exceed the budget of ${race.budgetRuns} runs (${race.plannedRuns} used)` : `the budget of ${race.budgetRuns} runs is used up (${race.plannedRuns} used${race.plannedRuns > race.budgetRuns ? ': the first rounds always run' : ''})`}; undecided: ${undecided}`,
    };
  }
  return null;
}

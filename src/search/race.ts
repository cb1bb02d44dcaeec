// The state of a race while its records are replayed: which configurations are still in it, the
// samples each has by round, and the statistics the recommendation rule reads. Pure: built from the
// journal's records, so `--resume` reaches the same state from the same records.
import type { RankedConfiguration } from '../analysis/recommendation.js';
import { summarizeSample } from '../analysis/statistics.js';
import { listConfigurations, shuffled } from '../matrix/plan.js';
import {
  configKey,
  THREADING_MODES,
  type Configuration,
  type PlannedRun,
  type ResolvedMatrix,
} from '../matrix/types.js';
import type { RunRecord } from '../core/run-record.js';
import type { PairNoise } from './race-statistics.js';
import type { DropReason, SearchDecision } from './types.js';

/** One configuration in the race. */
export interface RaceEntry {
  readonly config: Configuration;
  readonly key: string;
  live: boolean;
  /** Timed runs planned so far (the next one gets rep = this + 1). */
  planned: number;
  dropReason: DropReason | null;
  droppedAfterRound: number | null;
  addedAfterRound: number | null;
}

/** What the recommendation rule reads of a configuration (its median, as the report computes it), and its sample count. */
export interface RaceStats extends RankedConfiguration {
  readonly key: string;
  readonly n: number;
}

export interface Race {
  readonly matrix: ResolvedMatrix;
  readonly entries: Map<string, RaceEntry>;
  /** Timed, successful wall times by configuration and round. */
  readonly byRound: Map<string, Map<number, number>>;
  /** Records of finished rounds, in journal order (what the report will analyse). */
  readonly records: RunRecord[];
  readonly decisions: SearchDecision[];
  /** Most runs the search may plan (warmup included). */
  readonly budgetRuns: number;
  /** The matrix's memory budget on the machine that runs it, as the recommendation resolves it (null: none). */
  readonly memoryBudget: { readonly bytes: number; readonly label: string } | null;
  plannedRuns: number;
  additions: number;
  /** Configurations the next round samples (null: every live one, as in round 1). */
  questioned: Set<string> | null;
}

/** A fresh race over the matrix's configurations (the reference among them). */
export function createRace(
  matrix: ResolvedMatrix,
  budgetRuns: number,
  memoryBudget: Race['memoryBudget'] = null,
): Race {
  const entries = new Map<string, RaceEntry>();
  for (const config of listConfigurations(matrix)) addEntry(entries, config, null);
  return {
    matrix,
    entries,
    byRound: new Map(),
    records: [],
    decisions: [],
    budgetRuns,
    memoryBudget,
    plannedRuns: 0,
    additions: 0,
    questioned: null,
  };
}

/** True for a configuration dropped because it can never be recommended (crashed, diverged, over the memory budget), not for being slower. */
export function isIneligible(entry: RaceEntry): boolean {
  return entry.dropReason === 'failed' || entry.dropReason === 'diverged' || entry.dropReason === 'memory';
}

export function addEntry(
  entries: Map<string, RaceEntry>,
  config: Configuration,
  addedAfterRound: number | null,
): RaceEntry {
  const entry: RaceEntry = {
    config,
    key: configKey(config),
    live: true,
    planned: 0,
    dropReason: null,
    droppedAfterRound: null,
    addedAfterRound,
  };
  entries.set(entry.key, entry);
  return entry;
}

/** Configurations the next round samples: live, still in question, and below the matrix's repetitions. */
export function listSampled(race: Race): RaceEntry[] {
  return [...race.entries.values()].filter(
    (entry) =>
      entry.live &&
      entry.planned < race.matrix.repetitions &&
      (race.questioned === null || race.questioned.has(entry.key)),
  );
}

/**
 * Round 0 is one warmup of the reference configuration (when the matrix has warmups): each run is a
 * process of its own, so a configuration has no state to warm, but the first launch pays for cold
 * file caches. Round 1 runs every configuration once; each later round the live ones still in
 * question (listSampled), shuffled with the plan's seeded order.
 */
export function planRound(race: Race, round: number): PlannedRun[] {
  const { matrix } = race;
  if (round === 0) {
    const ref = matrix.reference;
    return [{ id: `${configKey(ref)}-w1`, threads: ref.threads, mode: ref.mode, rep: 1, warmup: true }];
  }
  const modeRank = (c: Configuration): number => THREADING_MODES.indexOf(c.mode);
  const sampled = listSampled(race).sort(
    (a, b) => a.config.threads - b.config.threads || modeRank(a.config) - modeRank(b.config),
  );
  return shuffled(sampled, matrix.orderSeed + round).map((entry) => {
    entry.planned += 1;
    return {
      id: `${entry.key}-r${entry.planned}`,
      threads: entry.config.threads,
      mode: entry.config.mode,
      rep: entry.planned,
      warmup: false,
    };
  });
}

/** Adds a finished round's records (journal order) to the race. */
export function recordRound(race: Race, round: number, records: readonly RunRecord[]): void {
  for (const record of records) {
    race.records.push(record);
    if (record.warmup || record.status !== 'ok') continue;
    const key = configKey(record);
    let series = race.byRound.get(key);
    if (!series) {
      series = new Map();
      race.byRound.set(key, series);
    }
    series.set(round, record.wallMs);
  }
}

/** The median of a configuration's timed samples, exactly as the report computes it. */
export function describeEntry(race: Race, key: string): RaceStats | null {
  const samples = race.records
    .filter((r) => !r.warmup && r.status === 'ok' && configKey(r) === key)
    .map((r) => r.wallMs);
  if (samples.length === 0) return null;
  const entry = race.entries.get(key)!;
  return {
    key,
    threads: entry.config.threads,
    mode: entry.config.mode,
    n: samples.length,
    medianMs: summarizeSample(samples).median,
  };
}

/** Marks a configuration as out of the race and records why. */
export function dropEntry(
  race: Race,
  entry: RaceEntry,
  round: number,
  reason: DropReason,
  decision: Omit<
    Extract<SearchDecision, { kind: 'drop' }>,
    'kind' | 'round' | 'config' | 'threads' | 'mode' | 'reason'
  >,
): void {
  entry.live = false;
  entry.dropReason = reason;
  entry.droppedAfterRound = round;
  race.decisions.push({
    kind: 'drop',
    round,
    config: entry.key,
    threads: entry.config.threads,
    mode: entry.config.mode,
    reason,
    ...decision,
  });
}

/** The rule's view of the race after a round. */
export interface Standing {
  readonly best: RaceStats;
  readonly recommended: RaceStats;
  readonly eligible: readonly RaceStats[];
  readonly noise: PairNoise;
}

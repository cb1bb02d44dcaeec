// Every default of a matrix file, in one place (the schema, the docs and the JSON Schema read them).
import type { TableSpec, ThreadingMode } from './types.js';

export const MATRIX_DEFAULTS = {
  /** Thread counts when the file names none. */
  threads: [1, 2, 4] as number[],
  /** All three E067 modes. */
  modes: ['sequential', 'selective', 'aggressive'] as ThreadingMode[],
  /** Timed runs per configuration. */
  repetitions: 3,
  /** Untimed runs per configuration, run first (hyperfine's --warmup). */
  warmup: 1,
  /** Round-robin over configurations, shuffled per round, so machine drift hits all alike. */
  order: 'interleaved' as const,
  /** Seed of that shuffle: the same matrix always runs in the same order. */
  orderSeed: 1,
  /** Per run; the whole process tree is killed past it. */
  timeout: '10m',
  /** The run every other run is compared with. */
  reference: { threads: 1, mode: 'sequential' as ThreadingMode },
  /** Which run databases stay on disk. */
  keep: 'failures' as const,
  /** Timeline sampling interval. */
  sampleInterval: '100ms',
  /** A slowdown past this fraction (and significant) is a regression. */
  regressionThreshold: 0.1,
  recommendation: {
    /** Within 5% of the best median counts as "as fast". */
    tolerance: 0.05,
    /** Configurations whose peak memory exceeds 80% of the machine's are not eligible. */
    memoryBudget: '80%',
  },
  /** Other work beside a run (cores, steal included) above which it is flagged noisy; no re-runs. */
  noise: { threshold: 0.25, rerun: 0 },
  builtin: { employees: 10_000, years: '2025-2029', seed: 42, scenarioId: 'default' },
  planalign: { config: 'config/simulation_config.yaml', python: 'python3', years: '2025-2029', seed: 42 },
  command: { seed: 42 },
} as const;

/** PlanAlign's two output tables, with their wall-clock columns exempt. */
export const DEFAULT_TABLE_SPECS: Record<string, TableSpec> = {
  fct_yearly_events: { exempt: ['created_at'], groupBy: ['simulation_year', 'event_type'], round: {} },
  fct_workforce_snapshot: { exempt: ['snapshot_created_at'], groupBy: ['simulation_year'], round: {} },
};

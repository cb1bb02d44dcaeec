// `threadgate run --dry-run`: everything `run` checks before it measures anything (the matrix, the
// flags, the limits, the target), then the plan it would run, without running or writing anything.
// CI can check a matrix edit in a second; the input fuzz tests drive the CLI through it.
import { loadMatrix, type MatrixOverrides } from '../matrix/load-matrix.js';
import { refuseStressOffLinux } from '../stress/platform-support.js';
import { expandPlan, listConfigurations } from '../matrix/plan.js';
import { configKey, type Plan } from '../matrix/types.js';
import { describeSearchPlan, plansRounds } from '../search/replay-search.js';

/** What a dry run found: the plan, and how many configurations it covers. */
export interface DryRun {
  readonly plan: Plan;
  readonly configurations: readonly string[];
}

/** Resolves and checks like `run` does, and returns the plan instead of running it. */
export async function planDryRun(options: {
  readonly matrixPath: string | null;
  readonly overrides: MatrixOverrides;
  readonly shard: { readonly index: number; readonly count: number } | null;
}): Promise<DryRun> {
  // run-matrix.js pulls in DuckDB and the reporters; only the default matrix's location is needed from it.
  const matrixPath = options.matrixPath ?? (await (await import('./run-matrix.js')).defaultMatrixPath());
  const matrix = await loadMatrix(matrixPath, options.overrides);
  refuseStressOffLinux(Boolean(matrix.stress), matrixPath);
  const plan = expandPlan(matrix, { shard: options.shard ?? undefined });
  // Loaded only for a valid matrix: the target adapters pull in DuckDB and execa.
  const { createTarget } = await import('../targets/create-target.js');
  await createTarget(matrix.target).check?.();
  const keys = new Set(plan.runs.map((run) => configKey(run)));
  // An adaptive search's plan starts empty: its first round runs every configuration.
  return {
    plan,
    configurations: listConfigurations(matrix)
      .map(configKey)
      .filter((key) => plansRounds(matrix) || keys.has(key)),
  };
}

/** The dry run for a person: what would run, and that nothing did. */
export function formatDryRun({ plan, configurations }: DryRun): string {
  const { matrix } = plan;
  const shard = plan.shard ? ` (shard ${plan.shard.index}/${plan.shard.count})` : '';
  return [
    `matrix ${matrix.name}${matrix.source ? ` (${matrix.source})` : ''}: valid; target ${matrix.target.kind}`,
    describeSearchPlan(matrix) ??
      `plan${shard}: ${configurations.length} configurations × (${matrix.warmup} warmup + ${matrix.repetitions} repetitions) = ${plan.runs.length} runs, ${matrix.order}`,
    `configurations: ${configurations.join(' ')}`,
    'nothing was run (--dry-run)',
    '',
  ].join('\n');
}

/** The dry run for a machine (`--dry-run --json`). */
export function serializeDryRun({ plan, configurations }: DryRun): string {
  return `${JSON.stringify({ matrix: plan.matrix.name, source: plan.matrix.source, shard: plan.shard, configurations, runs: plan.runs.map((run) => run.id) }, null, 2)}\n`;
}

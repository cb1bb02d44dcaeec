// What `merge` accepts: exactly the shards 1..N of one plan, each once, from one machine. Anything
// else is refused before a file is written, in one line naming the run directories concerned.
import deepEqual from 'fast-deep-equal';
import { InputError } from '../core/errors.js';
import { expandPlan } from '../matrix/plan.js';
import type { ResolvedMatrix } from '../matrix/types.js';
import type { LoadedRun } from './load-run.js';

/** `2/4`, or `unsharded`. */
function describeShard(run: LoadedRun): string {
  const { shard } = run.planFile.plan;
  return shard ? `${shard.index}/${shard.count}` : 'unsharded';
}

/** The matrix settings two plans disagree on, by key (e.g. `threads, repetitions`). */
function listDifferentKeys(a: ResolvedMatrix, b: ResolvedMatrix): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof ResolvedMatrix)[];
  return keys.filter((key) => !deepEqual(a[key], b[key])).join(', ');
}

/** Refuses unsharded runs, runs of another plan, another machine (unless allowed), or a plan.json that is not its shard's. */
function checkSamePlan(first: LoadedRun, shard: LoadedRun, mixedHardware: boolean): void {
  const { plan } = shard.planFile;
  if (!plan.shard) {
    throw new InputError(
      `merge: ${shard.runDir} was not run with --shard K/N; merge joins the shards of one sharded run`,
    );
  }
  const firstMatrix = first.planFile.plan.matrix;
  if (!deepEqual(plan.matrix, firstMatrix)) {
    throw new InputError(
      `merge: ${shard.runDir} ran a different plan than ${first.runDir} (matrix ${plan.matrix.name} vs ${firstMatrix.name}; differs in ${listDifferentKeys(plan.matrix, firstMatrix)})`,
    );
  }
  const firstCount = first.planFile.plan.shard?.count;
  if (plan.shard.count !== firstCount) {
    throw new InputError(
      `merge: ${shard.runDir} is shard ${describeShard(shard)} but ${first.runDir} is shard ${describeShard(first)}: shards of different plans`,
    );
  }
  if (!deepEqual(plan.runs, expandPlan(plan.matrix, { shard: plan.shard }).runs)) {
    throw new InputError(
      `merge: ${shard.runDir}: its plan.json does not hold the runs of shard ${describeShard(shard)} of its matrix (edited, or written by another threadgate version)`,
    );
  }
  if (!mixedHardware && shard.planFile.hardware.id !== first.planFile.hardware.id) {
    throw new InputError(
      `merge: ${shard.runDir} ran on other hardware (${shard.planFile.hardware.id}) than ${first.runDir} (${first.planFile.hardware.id}); timings from different machines cannot be pooled (--mixed-hardware merges them for the determinism gate alone)`,
    );
  }
}

/** Each shard K of N exactly once: names a shard given twice, and every shard missing. */
function checkCoverage(shards: readonly LoadedRun[]): void {
  const count = shards[0]!.planFile.plan.shard!.count;
  const byIndex = new Map<number, LoadedRun>();
  for (const shard of shards) {
    const index = shard.planFile.plan.shard!.index;
    const earlier = byIndex.get(index);
    if (earlier)
      throw new InputError(`merge: shard ${index}/${count} given twice: ${earlier.runDir} and ${shard.runDir}`);
    byIndex.set(index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const given = [...byIndex.keys()].sort((a, b) => a - b).map((index) => `${index}/${count}`);
    throw new InputError(
      `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} missing (given ${given.join(', ')}); pass every shard's run directory`,
    );
  }
}

/** Returns the shards ordered by shard index, or throws InputError naming what is wrong. */
export function checkShardSet(shards: readonly LoadedRun[], options: { mixedHardware?: boolean } = {}): LoadedRun[] {
  const [first] = shards;
  if (!first) throw new InputError('merge: name the run directories of the shards to merge');
  for (const shard of shards) checkSamePlan(first, shard, options.mixedHardware ?? false);
  checkCoverage(shards);
  return [...shards].sort((a, b) => a.planFile.plan.shard!.index - b.planFile.plan.shard!.index);
}

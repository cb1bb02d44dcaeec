// Shapes of the memory-stress helper and of what the runner learns about a run's memory conditions.

/** The line the helper prints once its memory is resident: `held <bytes> <protected|unprotected>`. */
export const READY_PREFIX = 'held ';

export type { StressSettings } from '../matrix/types.js';

/** The running helper, as the report describes it. */
export interface StressState {
  /** Bytes the helper allocated and touched. */
  readonly heldBytes: number;
  /**
   * Whether the kernel agreed to spare the helper from the OOM killer (oom_score_adj −1000; needs
   * CAP_SYS_RESOURCE). Either way every run is given oom_score_adj 1000, so a run, not the helper
   * or another process of the machine, is the OOM killer's first choice.
   */
  readonly oomProtected: boolean;
  /** The memory cgroup runs are confined to, or null when the stress is machine-wide. */
  readonly cgroup: { readonly path: string; readonly version: 1 | 2; readonly limitBytes: number } | null;
}

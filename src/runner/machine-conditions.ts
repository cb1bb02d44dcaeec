// The machine's conditions for a whole matrix, set up before its first run: a warning when the
// machine is already busy, and the memory stress helper when the matrix asks for one.
import { readNoiseSettings } from '../matrix/conditions.js';
import type { ResolvedMatrix } from '../matrix/types.js';
import { sampleMachineLoad } from '../monitor/noise.js';
import { describeStress } from '../stress/describe-stress.js';
import { startMemoryStress, type MemoryStress } from '../stress/memory-stress.js';
import { createMemoryWatcher } from '../stress/run-watch.js';

/** What the runner is given for the whole matrix. */
export interface MachineConditions {
  readonly memory: ReturnType<typeof createMemoryWatcher>;
  /** Ends the stress helper (call once the matrix is over, however it ended). */
  stop(): Promise<void>;
}

/** Starts the stress helper if any, then samples the machine for a second (warning on `progress` when busy). */
export async function prepareMachineConditions(
  matrix: ResolvedMatrix,
  progress: NodeJS.WritableStream,
): Promise<MachineConditions> {
  // The stress first: an amount the machine cannot hold is refused before anything else is said.
  let stress: MemoryStress | null = null;
  if (matrix.stress) {
    stress = await startMemoryStress(matrix.stress);
    const protection = stress.state.oomProtected
      ? 'spared by the OOM killer'
      : 'not spared by the OOM killer (no CAP_SYS_RESOURCE), runs are its first choice';
    progress.write(`threadgate: ${describeStress(matrix.stress, stress.state.heldBytes)}; helper ${protection}\n`);
  }
  const { thresholdCores } = readNoiseSettings(matrix);
  const load = await sampleMachineLoad();
  if (load.busyCores > thresholdCores) {
    const steal = load.stealCores > 0.005 ? ` (${load.stealCores.toFixed(2)} of them stolen by the hypervisor)` : '';
    progress.write(
      `threadgate: warning: the machine is already busy: ${load.busyCores.toFixed(2)} cores of other work over the last second${steal}, above the noise threshold of ${thresholdCores} cores; runs measured now may be flagged noisy\n`,
    );
  }
  const memory = createMemoryWatcher(stress);
  return {
    memory,
    stop: async () => {
      memory.close();
      await stress?.stop();
    },
  };
}

// Where recommendations live between `threadgate recommend --write` and `simulate --threads auto`:
// one file per machine, named by its hardware fingerprint id, so a shared folder serves many machines.
import os from 'node:os';
import path from 'node:path';

/** `$THREADGATE_RECOMMENDATIONS`, else `~/.threadgate/recommendations`. */
export function defaultRecommendationsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['THREADGATE_RECOMMENDATIONS'] ?? path.join(os.homedir(), '.threadgate', 'recommendations');
}

/** The recommendation file for one machine. */
export function recommendationPathFor(hardwareId: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(defaultRecommendationsDir(env), `${hardwareId}.json`);
}

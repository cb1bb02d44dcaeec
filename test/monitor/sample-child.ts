// Runs a fixture script as a real child under the tree sampler, the way the runner does: sampler
// started right after spawning, stopped when the child has exited.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTreeSampler } from '../../src/monitor/tree-sampler.js';
import type { Timeline } from '../../src/monitor/types.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const MIB = 1024 * 1024;

export interface SampledChild {
  readonly timeline: Timeline;
  readonly stdout: string;
  readonly exitCode: number | null;
}

/** Spawns `node fixtures/<script> ...args` under a sampler and returns its timeline and stdout. */
export async function sampleFixture(script: string, args: readonly string[], intervalMs = 100): Promise<SampledChild> {
  const child = spawn(process.execPath, [path.join(FIXTURES, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sampler = startTreeSampler(child.pid!, { intervalMs });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  return { timeline: await sampler.stop(), stdout, exitCode };
}

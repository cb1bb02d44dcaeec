// The one place that picks a tree sampler: the /proc sampler on Linux, the portable one elsewhere,
// or wherever THREADGATE_SAMPLER=portable (or THREADGATE_PLATFORM_PATHS=portable) asks for it.
import { InputError } from '../core/errors.js';
import {
  describePlatform,
  hasLinuxProc,
  PLATFORM_PATHS_VARIABLE,
  readPlatformPaths,
} from '../platform/platform-paths.js';
import { PORTABLE_DEFAULTS, startPortableSampler } from './portable-sampler.js';
import { startTreeSampler } from './tree-sampler.js';
import type { TreeSampler, TreeSamplerOptions } from './types.js';

/** Set to `portable` to sample with the portable sampler on Linux, `proc` to insist on /proc. */
export const SAMPLER_VARIABLE = 'THREADGATE_SAMPLER';

/** The two samplers behind the one TreeSampler interface. */
export type SamplerKind = 'proc' | 'portable';

/** Which sampler this process uses; InputError (exit 2) for a value it does not know or `proc` without /proc. */
export function chooseSamplerKind(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): SamplerKind {
  const asked = env[SAMPLER_VARIABLE];
  if (asked !== undefined && asked !== '' && asked !== 'proc' && asked !== 'portable') {
    throw new InputError(`${SAMPLER_VARIABLE}=${asked}: expected proc or portable`);
  }
  const native: SamplerKind = readPlatformPaths(platform, env) === 'linux-proc' ? 'proc' : 'portable';
  if (asked === 'proc' && platform !== 'linux')
    throw new InputError(`${SAMPLER_VARIABLE}=proc: /proc is Linux's; this is ${platform}`);
  if (asked === 'proc' && native === 'portable')
    throw new InputError(`${SAMPLER_VARIABLE}=proc contradicts ${PLATFORM_PATHS_VARIABLE}=portable`);
  return asked === 'portable' || asked === 'proc' ? asked : native;
}

/** Starts the chosen sampler on the tree under rootPid. */
export function startSampler(
  rootPid: number,
  options: TreeSamplerOptions,
  kind: SamplerKind = chooseSamplerKind(),
): TreeSampler {
  return kind === 'portable' ? startPortableSampler(rootPid, options) : startTreeSampler(rootPid, options);
}

/**
 * One line for the person running a matrix saying what is not measured here (null on Linux with the
 * /proc sampler, which measures everything the reports show).
 */
export function describeSamplerLimits(kind: SamplerKind): string | null {
  const parts: string[] = [];
  if (kind === 'portable') {
    parts.push(
      `the portable sampler measures CPU time and RSS; not measured: PSS, steal time, per-process RSS high-water marks, and the CPU of a child that lives less than ${PORTABLE_DEFAULTS.discoverEveryMs / 1000} s`,
    );
  }
  if (!hasLinuxProc())
    parts.push(
      'no OOM judge (a killed run reads as failed) and no memory stress; an orchestrator dies with this harness through its watchdog',
    );
  return parts.length === 0 ? null : `threadgate: note: on ${describePlatform()}: ${parts.join('; ')}`;
}

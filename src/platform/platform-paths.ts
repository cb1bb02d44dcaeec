// Which platform's code paths a harness takes. Linux has /proc, setpriv and cgroups; macOS and other
// POSIX systems have process groups and `ps`; Windows has neither and ends trees with taskkill.
// THREADGATE_PLATFORM_PATHS=portable makes Linux take the paths another platform would (the
// portable sampler, the process-group tree killer, no setpriv, no cgroup stress or OOM judge), so
// that those paths are tested here, on the only platform the project's own CI machine runs.

/** The one switch that forces the portable paths on Linux (documented in docs/platforms.md). */
export const PLATFORM_PATHS_VARIABLE = 'THREADGATE_PLATFORM_PATHS';

/**
 * The family of code paths: `linux-proc` (/proc, setpriv, cgroups), `posix` (process groups and
 * `ps`: macOS, the BSDs, or Linux forced portable), `windows` (taskkill, ps-list's fastlist).
 */
export type PlatformPaths = 'linux-proc' | 'posix' | 'windows';

/** The paths this process takes, from the platform it runs on and THREADGATE_PLATFORM_PATHS. */
export function readPlatformPaths(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): PlatformPaths {
  if (platform === 'win32') return 'windows';
  if (platform === 'linux' && env[PLATFORM_PATHS_VARIABLE] !== 'portable') return 'linux-proc';
  return 'posix';
}

/** True where /proc, setpriv, cgroups and the kernel log may be used. */
export function hasLinuxProc(): boolean {
  return readPlatformPaths() === 'linux-proc';
}

/** A short name of the platform for messages: `macOS`, `Windows`, `Linux (portable paths forced)`. */
export function describePlatform(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'darwin') return 'macOS';
  if (platform === 'win32') return 'Windows';
  if (platform === 'linux')
    return env[PLATFORM_PATHS_VARIABLE] === 'portable' ? `Linux with ${PLATFORM_PATHS_VARIABLE}=portable` : 'Linux';
  return platform;
}

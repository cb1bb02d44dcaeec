// The one place that picks the tree killer: by platform, or the POSIX one on Linux when
// THREADGATE_PLATFORM_PATHS=portable (so macOS's paths are tested where the project's checks run).
import { readPlatformPaths, type PlatformPaths } from '../platform/platform-paths.js';
import { createPosixTreeKiller } from './posix-tree-killer.js';
import { createProcTreeKiller } from './proc-tree-killer.js';
import type { TreeKiller } from './tree-killer.js';
import { createWindowsTreeKiller } from './windows-tree-killer.js';

/** The tree killer of this platform (THREADGATE_PLATFORM_PATHS=portable picks the POSIX one on Linux). */
export function selectTreeKiller(paths: PlatformPaths = readPlatformPaths()): TreeKiller {
  if (paths === 'windows') return createWindowsTreeKiller();
  return paths === 'posix' ? createPosixTreeKiller() : createProcTreeKiller();
}

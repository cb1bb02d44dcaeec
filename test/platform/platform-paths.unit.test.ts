// The one switch: which code paths each platform takes, and THREADGATE_PLATFORM_PATHS=portable on Linux.
import { describe, expect, it } from 'vitest';
import { describePlatform, readPlatformPaths } from '../../src/platform/platform-paths.js';

describe('readPlatformPaths', () => {
  it('maps each platform to its paths, and the switch makes Linux take the POSIX ones', () => {
    expect(readPlatformPaths('linux', {}), 'Linux').toBe('linux-proc');
    expect(readPlatformPaths('linux', { THREADGATE_PLATFORM_PATHS: 'portable' }), 'Linux forced').toBe('posix');
    expect(readPlatformPaths('darwin', {}), 'macOS').toBe('posix');
    expect(readPlatformPaths('win32', {}), 'Windows').toBe('windows');
    expect(readPlatformPaths('win32', { THREADGATE_PLATFORM_PATHS: 'portable' }), 'Windows stays Windows').toBe(
      'windows',
    );
  });

  it('names the platform for messages', () => {
    expect(describePlatform('darwin', {}), 'macOS').toBe('macOS');
    expect(describePlatform('linux', { THREADGATE_PLATFORM_PATHS: 'portable' }), 'forced').toBe(
      'Linux with THREADGATE_PLATFORM_PATHS=portable',
    );
  });
});

// The process list the portable paths find a run's tree in: ps's output parsed, descendants walked
// from parent ids (Windows-style stale parents included), and a real tree found through `ps`.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findDescendants, listProcesses, parsePsListing, type ProcessEntry } from '../../src/platform/process-list.js';
import { selectTreeKiller } from '../../src/runner/select-tree-killer.js';

const entry = (pid: number, ppid: number, pgid: number | null = null, zombie = false): ProcessEntry => ({
  pid,
  ppid,
  pgid,
  zombie,
});

describe('parsePsListing', () => {
  it('reads blank-padded pid, ppid, pgid and stat, and marks zombies', () => {
    const text = '    1     0     1 Ss\n  812     1   812 S+\n  813   812   812 Z\n\n garbage line\n';
    expect(parsePsListing(text), 'three processes').toEqual([
      entry(1, 0, 1),
      entry(812, 1, 812),
      entry(813, 812, 812, true),
    ]);
  });
});

describe('findDescendants', () => {
  it('walks children level by level and never lists the root or a pid twice', () => {
    const entries = [entry(10, 1), entry(11, 10), entry(12, 10), entry(13, 11), entry(14, 99)];
    expect(findDescendants(entries, 10), 'tree under 10').toEqual([11, 12, 13]);
    expect(findDescendants(entries, [11, 12]), 'trees under 11 and 12').toEqual([13]);
    expect(findDescendants(entries, 14), 'a leaf').toEqual([]);
  });

  it('follows Windows-style parent ids that still name a dead parent, and ignores a self-parent', () => {
    // 4000 has exited; Windows leaves its children's parent id at 4000. Pid 0 names itself its parent.
    const entries = [entry(0, 0), entry(4, 0), entry(4100, 4000), entry(4200, 4100)];
    expect(findDescendants(entries, 4000), 'orphans of a dead root').toEqual([4100, 4200]);
    expect(findDescendants(entries, 0), 'System Idle Process has one child, not itself').toEqual([4]);
  });
});

describe.skipIf(process.platform === 'win32')('listProcesses (posix: ps)', () => {
  it('finds a real child and grandchild under this process, in their group', async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); setInterval(() => {}, 1e6);",
      ],
      { stdio: 'ignore', detached: true },
    );
    try {
      let descendants: number[] = [];
      for (let attempt = 0; attempt < 100 && descendants.length < 2; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        descendants = findDescendants(await listProcesses('posix'), child.pid!);
      }
      expect(descendants[0], 'the grandchild found from parent ids').toBeGreaterThan(0);
      const entries = await listProcesses('posix');
      const members = entries
        .filter((item) => item.pgid === child.pid)
        .map((item) => item.pid)
        .sort((a, b) => a - b);
      expect(members, 'both in the group the child leads').toEqual([child.pid!, descendants[0]!].sort((a, b) => a - b));
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  }, 30_000);
});

describe.runIf(process.platform === 'win32')('listProcesses (windows: ps-list)', () => {
  it('finds a real child and grandchild under this process from parent ids', async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        "require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' }); setInterval(() => {}, 1e6);",
      ],
      { stdio: 'ignore' },
    );
    try {
      let descendants: number[] = [];
      for (let attempt = 0; attempt < 100 && descendants.length < 1; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        descendants = findDescendants(await listProcesses('windows'), child.pid!);
      }
      expect(descendants.length, 'the grandchild found from parent ids').toBe(1);
    } finally {
      await selectTreeKiller().killTree(child.pid!, 'SIGKILL');
    }
  }, 30_000);
});

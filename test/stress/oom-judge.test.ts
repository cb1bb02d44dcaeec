// How an OOM kill is told apart from a crash, on the kernel's own record lines.
import { describe, expect, it } from 'vitest';
import { KernelLogReader, parseOomKillRecord } from '../../src/stress/kernel-log.js';
import { parseOomKillCount } from '../../src/stress/memory-cgroup.js';
import { judgeOomKill } from '../../src/stress/oom-judge.js';

// Lines as this machine's kernel wrote them for a memcg OOM kill (pid changed).
const MEMCG_RECORD =
  '3,422,226058132,-;Memory cgroup out of memory: Killed process 8974 (node) total-vm:1057248kB, anon-rss:65920kB, file-rss:37520kB, shmem-rss:0kB, UID:0 pgtables:580kB oom_score_adj:0';
const GLOBAL_RECORD =
  '3,977,9123456,-;Out of memory: Killed process 4242 (simulate worker) total-vm:9000kB, anon-rss:8000kB';

describe('kernel records of OOM kills', () => {
  it('reads the pid, the name and the sequence of both kinds of record', () => {
    expect(parseOomKillRecord(MEMCG_RECORD), 'memcg').toMatchObject({ sequence: 422, pid: 8974, name: 'node' });
    expect(parseOomKillRecord(GLOBAL_RECORD), 'global, a name with a space').toMatchObject({
      sequence: 977,
      pid: 4242,
      name: 'simulate worker',
    });
    expect(parseOomKillRecord('6,10,5,-;node invoked oom-killer: gfp_mask=0xcc0'), 'not the kill line').toBeNull();
  });

  it('drains /dev/kmsg from where it was left: nothing new right after opening', () => {
    const reader = KernelLogReader.open();
    try {
      const kills = reader.drainOomKills();
      // null only where the log cannot be read (dmesg_restrict); this machine's can.
      if (kills !== null) expect(kills, 'nothing logged between open and drain').toEqual([]);
    } finally {
      reader.close();
    }
    expect(reader.drainOomKills(), 'closed').toBeNull();
  });

  it('reads the oom_kill counter of memory.events (v2) and memory.oom_control (v1)', () => {
    expect(parseOomKillCount('low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\n'), 'v2').toBe(2);
    expect(parseOomKillCount('oom_kill_disable 0\nunder_oom 0\noom_kill 1\n'), 'v1').toBe(1);
    expect(parseOomKillCount('oom_kill_disable 0\n'), 'an old kernel without the counter').toBeNull();
  });
});

describe('judgeOomKill', () => {
  const base = {
    exitCode: null,
    signal: 'SIGKILL',
    treePids: new Set([100, 8974]),
    kernelKills: [],
    cgroupKills: null,
  };
  const kill = parseOomKillRecord(MEMCG_RECORD)!;

  it('takes a kernel record naming a process of the tree as proof, a child of the root included', () => {
    expect(
      judgeOomKill({ ...base, exitCode: 137, signal: null, kernelKills: [kill] }),
      'child killed, root exits 137',
    ).toBe("killed by the kernel's OOM killer: Memory cgroup out of memory: Killed process 8974 (node)");
  });

  it('calls a SIGKILL with a readable log and no record a crash', () => {
    expect(judgeOomKill({ ...base, kernelKills: [{ ...kill, pid: 5555 }] }), 'another process was killed').toBeNull();
    expect(judgeOomKill({ ...base, signal: null, exitCode: 1 }), 'plain failure').toBeNull();
  });

  it('counts an OOM kill inside the stress cgroup', () => {
    expect(
      judgeOomKill({ ...base, kernelKills: null, cgroupKills: 1, signal: null, exitCode: 137 }),
      'cgroup counter',
    ).toMatch(/1 OOM kill\(s\) in the stress cgroup/);
  });

  it('takes SIGKILL (or exit 137) for an OOM kill when the kernel log cannot be read, and says so', () => {
    expect(judgeOomKill({ ...base, kernelKills: null }), 'SIGKILL').toMatch(
      /not readable here, so it is taken for an OOM kill/,
    );
    expect(judgeOomKill({ ...base, kernelKills: null, signal: null, exitCode: 137 }), 'exit 137').toMatch(
      /exit code 137/,
    );
    expect(judgeOomKill({ ...base, kernelKills: null, signal: 'SIGSEGV' }), 'another signal').toBeNull();
  });
});

// The tree's CPU account: every tick counted once as processes appear, get reaped or orphaned.
import { describe, expect, it } from 'vitest';
import { TreeCpuAccount, type CpuReading } from '../../src/monitor/cpu-account.js';

const proc = (pid: number, ppid: number, selfTicks: number, reapedTicks = 0): CpuReading => ({
  key: `${pid}:1`,
  pid,
  ppid,
  selfTicks,
  reapedTicks,
});

describe('TreeCpuAccount', () => {
  it('counts a process first seen with all its CPU since its start, not 0', () => {
    const account = new TreeCpuAccount();
    expect(account.update([proc(10, 1, 37, 5)]), 'first reading').toBe(42);
    expect(account.update([proc(10, 1, 40, 5)]), 'growth only').toBe(3);
    expect(account.totalTicks, 'total').toBe(45);
  });

  it('does not count a reaped child twice when its time moves into the parent cutime', () => {
    const account = new TreeCpuAccount();
    account.update([proc(10, 1, 10), proc(11, 10, 50)]);
    // The child ran 8 more ticks, exited and was reaped: the parent's cutime holds its 58.
    const added = account.update([proc(10, 1, 12, 58)]);
    expect(added, 'parent growth + the child ticks not yet seen').toBe(2 + 8);
    expect(account.totalTicks, 'total = 12 + 58').toBe(70);
  });

  it('credits a vanished grandchild to the nearest living ancestor when its parent vanished too', () => {
    const account = new TreeCpuAccount();
    account.update([proc(10, 1, 10), proc(11, 10, 20), proc(12, 11, 30)]);
    // 12 reaped into 11 (cutime 31), 11 reaped into 10: 10's cutime gains 21 + 31 = 52.
    account.update([proc(10, 1, 10, 52)]);
    expect(account.totalTicks, '10 + 21 + 31').toBe(62);
  });

  it('keeps an orphan its counted ticks when init reaps it', () => {
    const account = new TreeCpuAccount();
    account.update([proc(10, 1, 10), proc(11, 10, 20)]);
    account.update([proc(11, 1, 25)]); // the root is gone, 11 was re-parented to init
    account.update([]); // 11 exits, reaped by init: nothing of it reaches the tree
    expect(account.totalTicks, '10 + 25: nothing lost that was seen, nothing doubled').toBe(35);
  });

  it('treats a reused pid as a new process', () => {
    const account = new TreeCpuAccount();
    account.update([proc(10, 1, 100)]);
    account.update([{ key: '10:999', pid: 10, ppid: 1, selfTicks: 4, reapedTicks: 0 }]);
    expect(account.totalTicks, 'the new process adds its own 4').toBe(104);
  });

  it('counts reaped children the tree never saw (lived between two samples)', () => {
    const account = new TreeCpuAccount();
    account.update([proc(10, 1, 10)]);
    account.update([proc(10, 1, 10, 30)]);
    expect(account.totalTicks, 'cutime growth of an unseen child').toBe(40);
  });
});

// Parsing /proc text, including the command names that break naive parsers.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  ProcFile,
  parseChildren,
  parseProcStat,
  parseProcStatBytes,
  parseProcStatus,
  parsePssBytes,
  readClockTicksPerSecond,
  readPageSize,
} from '../../src/monitor/proc-files.js';
import { parseCpuCounters, parseMemUsedBytes } from '../../src/monitor/system-usage.js';

describe('proc files', () => {
  it('parses stat fields after the last ")" even when the command name holds ") " and spaces', () => {
    const tail = 'S 41 42 42 0 -1 4194560 100 0 0 0 7 3 11 13 20 0 1 0 5555 1000 10';
    const stat = parseProcStat(`1234 (we ird) S 9 (x)) ${tail}`);
    expect(stat, 'fields').toEqual({
      pid: 1234,
      ppid: 41,
      selfTicks: 10,
      reapedTicks: 24,
      startTicks: 5555,
      rssPages: 10,
    });
    expect(parseProcStat('garbage'), 'no closing paren').toBeNull();
    const bytes = (text: string) => Buffer.from(`${text}`, 'latin1');
    const weird = bytes(`1234 (we ird) S 9 (x)) ${tail}\n`);
    expect(parseProcStatBytes(weird, weird.length), 'the same fields from the bytes').toEqual(stat);
    const cut = bytes(`1234 (we ird) S 9 (x)) ${tail}`);
    expect(parseProcStatBytes(cut, cut.length), 'rss as the last field').toEqual(stat);
    expect(parseProcStatBytes(bytes('garbage'), 7), 'bytes: no closing paren').toBeNull();
    expect(parseProcStatBytes(bytes('1 (x) S 1 2'), 11), 'bytes: too few fields').toBeNull();
  });

  it('parses /proc/self/stat the same from text and from bytes', async () => {
    const raw = await readFile('/proc/self/stat');
    expect(parseProcStatBytes(raw, raw.length), 'bytes vs text').toEqual(parseProcStat(raw.toString('latin1')));
  });

  it('parses this process: its own pid, a parent, CPU used', async () => {
    const stat = parseProcStat(await readFile('/proc/self/stat', 'latin1'));
    expect(stat?.pid, 'pid').toBe(process.pid);
    expect(stat?.ppid, 'ppid').toBe(process.ppid);
    expect(stat?.selfTicks, 'CPU ticks so far').toBeGreaterThan(0);
  });

  it('reads RSS, VmHWM and PSS in bytes; a zombie has neither and counts 0', async () => {
    const status = parseProcStatus(await readFile('/proc/self/status', 'latin1'));
    expect(status.rssBytes, 'RSS of a Node process').toBeGreaterThan(10 * 1024 * 1024);
    expect(status.hwmBytes, 'HWM ≥ RSS').toBeGreaterThanOrEqual(status.rssBytes);
    expect(parseProcStatus('Name:\tzombie\nState:\tZ (zombie)\n'), 'zombie').toEqual({ rssBytes: 0, hwmBytes: 0 });
    expect(parsePssBytes('Rss:  1608 kB\nPss:  245 kB\nPss_Dirty:  112 kB\n'), 'Pss, not Pss_Dirty').toBe(245 * 1024);
  });

  it('re-reads an open file in place, and reports null once closed or absent', async () => {
    const file = ProcFile.open('/proc/self/stat');
    const first = file!.readSync();
    const second = await file!.readAsync();
    expect(parseProcStat(first!)?.pid, 'first read').toBe(process.pid);
    expect(parseProcStat(second!)?.pid, 'second read from offset 0').toBe(process.pid);
    file!.close();
    expect(file!.readSync(), 'closed').toBeNull();
    expect(ProcFile.open('/proc/0/stat'), 'no such process').toBeNull();
  });

  it('parses children lists, system CPU counters and used memory', () => {
    expect(parseChildren('17215 17216 '), 'children').toEqual([17215, 17216]);
    expect(parseChildren(''), 'none').toEqual([]);
    // user nice system idle iowait irq softirq steal guest guest_nice: guest is inside user.
    expect(parseCpuCounters('cpu  100 0 50 800 50 0 0 0 40 0\ncpu0 1 2 3'), 'busy, total').toEqual({
      busy: 150,
      total: 1000,
      steal: 0,
    });
    expect(
      parseCpuCounters('cpu  100 0 50 800 50 0 0 30 0 0'),
      'steal: busy for the kernel, and reported apart',
    ).toEqual({ busy: 180, total: 1030, steal: 30 });
    expect(parseMemUsedBytes('MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 600 kB\n'), 'total − available').toBe(
      400 * 1024,
    );
    expect(parseMemUsedBytes(null), 'unreadable').toBe(0);
  });

  it("takes RSS from stat, in pages, agreeing with status's VmRSS", async () => {
    const pageSize = await readPageSize();
    expect(pageSize, 'page size').toBeGreaterThanOrEqual(4096);
    const stat = parseProcStat(readFileSync('/proc/self/stat', 'latin1'));
    const status = parseProcStatus(readFileSync('/proc/self/status', 'latin1'));
    // Read a moment apart while the heap may grow: within 10% (a unit mistake would be 4x or 1024x off).
    expect(Math.abs(stat!.rssPages * pageSize - status.rssBytes), 'stat RSS vs VmRSS').toBeLessThan(
      status.rssBytes * 0.1,
    );
  });

  it('reads the clock tick rate once', async () => {
    const ticks = await readClockTicksPerSecond();
    expect(ticks, 'USER_HZ').toBeGreaterThan(0);
    expect(await readClockTicksPerSecond(), 'cached').toBe(ticks);
  });
});

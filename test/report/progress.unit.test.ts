import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createProgressReporter } from '../../src/report/progress.js';
import type { PlannedRun } from '../../src/matrix/types.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

/** A stream that collects what is written, and a clock the test moves by hand. */
function setup(options: { isTTY: boolean; quiet: boolean; refreshMs?: number }) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  let nowMs = 1_000_000;
  const reporter = createProgressReporter({ stream, refreshMs: 0, ...options, now: () => nowMs });
  return {
    reporter,
    output: () => text,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

const records = buildSampleReport().runs.slice(0, 4);
const plannedOf = (r: RunRecord): PlannedRun => ({
  id: r.id,
  threads: r.threads,
  mode: r.mode,
  rep: r.rep,
  warmup: r.warmup,
});
const failed: RunRecord = { ...records[1]!, status: 'failed', exitCode: 1, error: 'exit code 1' };

/** Drives four runs of 10 s, 20 s, 30 s, 40 s through the reporter (the second one fails). */
function driveRuns(s: ReturnType<typeof setup>) {
  s.reporter.onPlanStart?.({ total: 6, alreadyDone: 1, matrix: 'nightly' });
  [records[0]!, failed, records[2]!, records[3]!].forEach((record, i) => {
    s.reporter.onRunStart?.(plannedOf(record), 1 + i);
    s.advance((i + 1) * 10_000);
    s.reporter.onRunEnd?.(record, 1 + i);
  });
  s.reporter.onPlanEnd?.();
}

describe('progress reporter', () => {
  it('prints one plain line per finished run with a glyph and an ETA from the mean run time', () => {
    const s = setup({ isTTY: false, quiet: false });
    driveRuns(s);
    expect(s.output().split('\n')).toEqual([
      'threadgate: matrix nightly: 6 runs (1 already done)',
      // after 10 s for 1 run: 4 left × 10 s
      '✓ [2/6] t1-sequential-r1 12.0 s (elapsed 10.0 s, ETA 40.0 s)',
      '✗ [3/6] t2-sequential-r1 6.92 s — failed: exit code 1',
      // after 60 s for 3 runs: 2 left × 20 s
      '✓ [4/6] t4-sequential-r1 4.48 s (elapsed 60.0 s, ETA 40.0 s)',
      // after 100 s for 4 runs: 1 left × 25 s
      '✓ [5/6] t1-selective-r1 12.2 s (elapsed 100.0 s, ETA 25.0 s)',
      'threadgate: 4 run(s) in 100.0 s, 1 failed',
      '',
    ]);
  });

  it('with quiet, prints only failures and the final line', () => {
    const s = setup({ isTTY: true, quiet: true });
    driveRuns(s);
    expect(s.output()).toBe(
      '✗ [3/6] t2-sequential-r1 6.92 s — failed: exit code 1\nthreadgate: 4 run(s) in 100.0 s, 1 failed\n',
    );
  });

  it('on a TTY redraws one bar line in place and prints failures above it', () => {
    const s = setup({ isTTY: true, quiet: false });
    driveRuns(s);
    const out = s.output();
    expect(
      out.split('\n').filter((l) => l.length > 0),
      'few real lines: header, failure, final',
    ).toHaveLength(3);
    expect(out).toContain('\r\x1b[2K[███░░░░░░░░░░░░░░░░░] 1/6 t1-sequential-r1 · elapsed 0 ms, ETA –');
    expect(out).toContain('\r\x1b[2K[███████░░░░░░░░░░░░░] 2/6 t2-sequential-r1 · elapsed 10.0 s, ETA 40.0 s');
    expect(out).toContain('\r\x1b[2K✗ [3/6] t2-sequential-r1 6.92 s — failed: exit code 1\n');
    expect(
      out.endsWith('\r\x1b[2Kthreadgate: 4 run(s) in 100.0 s, 1 failed\n'),
      'bar cleared before the final line',
    ).toBe(true);
  });

  it('marks warmup runs and timeouts', () => {
    const s = setup({ isTTY: false, quiet: false });
    s.reporter.onPlanStart?.({ total: 1, alreadyDone: 0, matrix: 'm' });
    s.reporter.onRunStart?.({ ...plannedOf(records[0]!), id: 't1-sequential-w1', warmup: true }, 0);
    s.advance(600_000);
    s.reporter.onRunEnd?.(
      {
        ...records[0]!,
        id: 't1-sequential-w1',
        warmup: true,
        status: 'timeout',
        exitCode: null,
        signal: 'SIGKILL',
        error: 'timed out after 600000 ms',
        wallMs: 600_000,
      },
      0,
    );
    expect(s.output().split('\n')[1]).toBe(
      '⏱ [1/1] t1-sequential-w1 (warmup) 10 min 0 s — timeout: timed out after 600000 ms',
    );
  });
});

describe('progress reporter on a TTY during a long run', () => {
  it('keeps redrawing the bar so elapsed moves, and stops at the end', () => {
    vi.useFakeTimers();
    const s = setup({ isTTY: true, quiet: false, refreshMs: 1000 });
    s.reporter.onPlanStart?.({ total: 2, alreadyDone: 0, matrix: 'm' });
    s.reporter.onRunStart?.(plannedOf(records[0]!), 0);
    s.advance(5_000);
    vi.advanceTimersByTime(1000);
    expect(s.output()).toContain('0/2 t1-sequential-r1 · elapsed 5.00 s, ETA –');
    s.reporter.onPlanEnd?.();
    const atEnd = s.output().length;
    vi.advanceTimersByTime(5000);
    expect(s.output().length, 'nothing drawn after the end').toBe(atEnd);
    vi.useRealTimers();
  });
});

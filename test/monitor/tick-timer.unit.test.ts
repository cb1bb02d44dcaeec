// The timer never runs two ticks at once and never queues missed ones.
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTickTimer } from '../../src/monitor/tick-timer.js';

describe('startTickTimer', () => {
  it('skips a tick while the previous one runs, and stop() waits for the one in flight', async () => {
    let running = 0;
    let maxRunning = 0;
    let finished = 0;
    const timer = startTickTimer(10, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(35);
      running--;
      finished++;
    });
    await sleep(200);
    await timer.stop();
    expect(maxRunning, 'never two ticks at once').toBe(1);
    expect(running, 'nothing in flight after stop()').toBe(0);
    expect(finished, 'ticks ran').toBeGreaterThanOrEqual(2);
    expect(timer.skippedTicks, 'ticks skipped while one was running').toBeGreaterThan(0);
    const after = finished;
    await sleep(50);
    expect(finished, 'no tick after stop()').toBe(after);
  });

  it('survives a failing tick', async () => {
    let calls = 0;
    const timer = startTickTimer(5, async () => {
      calls++;
      throw new Error('sample failed');
    });
    await sleep(60);
    await timer.stop();
    expect(calls, 'kept ticking after a failure').toBeGreaterThan(1);
  });
});

// THREADGATE_SIMULATE_DELAY_MS: unset is no delay, whole milliseconds are taken, anything else is an
// input error naming the variable and the value.
import { describe, expect, it } from 'vitest';
import { readPlantedDelayMs, waitPlantedDelay } from '../../src/orchestrator/planted-delay.js';

describe('planted delay', () => {
  it('reads whole milliseconds and refuses anything else', () => {
    expect(readPlantedDelayMs({}), 'unset').toBe(0);
    expect(readPlantedDelayMs({ THREADGATE_SIMULATE_DELAY_MS: '' }), 'empty').toBe(0);
    expect(readPlantedDelayMs({ THREADGATE_SIMULATE_DELAY_MS: '400' }), '400').toBe(400);
    for (const bad of ['-1', '1.5', 'soon', '3600001']) {
      expect(() => readPlantedDelayMs({ THREADGATE_SIMULATE_DELAY_MS: bad }), bad).toThrow(
        `THREADGATE_SIMULATE_DELAY_MS=${JSON.stringify(bad)}: expected whole milliseconds`,
      );
    }
  });

  it('waits about the delay', async () => {
    const started = performance.now();
    await waitPlantedDelay(50);
    expect(performance.now() - started, 'waited').toBeGreaterThanOrEqual(40);
  });
});

// --threads auto: a recommendation for this hardware is used; one for other hardware is refused
// with a warning and the resource-based choice is used instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseThreadsFromResources, resolveAutoThreads } from '../../src/orchestrator/thread-auto.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tg-auto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeRecommendation(file: string, hardwareId: string): void {
  writeFileSync(
    file,
    JSON.stringify({ hardware: { id: hardwareId }, thread_count: 3, mode: 'aggressive', max_threads: 6 }),
  );
}

describe('resolveAutoThreads', () => {
  it('uses the recommendation named after the hardware id in $THREADGATE_RECOMMENDATIONS', async () => {
    writeRecommendation(path.join(dir, 'hw-1.json'), 'hw-1');
    const auto = await resolveAutoThreads('hw-1', null, { THREADGATE_RECOMMENDATIONS: dir });
    expect(auto, 'from the recommendation').toMatchObject({
      threads: 3,
      maxThreads: 6,
      source: 'recommendation',
      mode: 'aggressive',
    });
  });

  it('refuses a named file made for other hardware and falls back to resources', async () => {
    const file = path.join(dir, 'other.json');
    writeRecommendation(file, 'hw-other');
    const auto = await resolveAutoThreads('hw-1', file, {});
    expect(auto.source, 'fallback').toBe('resources');
    expect(auto.mode, 'no recommended mode').toBeNull();
    expect(auto.warnings[0], 'warning names both ids').toMatch(/for hardware hw-other, not this machine \(hw-1\)/);
  });

  it('chooses min(cores, memory / per-thread, 16), at least 1', () => {
    expect(chooseThreadsFromResources(32, 64 * 1024 ** 3, 1024 ** 3), 'capped at 16').toBe(16);
    expect(chooseThreadsFromResources(8, 3 * 1024 ** 3, 1024 ** 3), 'memory bound').toBe(3);
    expect(chooseThreadsFromResources(2, 64 * 1024 ** 3, 1024 ** 3), 'core bound').toBe(2);
    expect(chooseThreadsFromResources(4, 0, 1024 ** 3), 'never below 1').toBe(1);
  });
});

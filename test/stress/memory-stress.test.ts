// The stress helper with real processes: it holds what it says (resident), and it never outlives
// the harness, even one killed with kill -9.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../helpers/process-alive.js';
import { PACKAGE_ROOT } from '../../src/core/package-info.js';
import { startMemoryStress } from '../../src/stress/memory-stress.js';

const MIB = 1024 * 1024;

describe('memory stress helper', () => {
  it('holds the amount asked for as resident memory, and lets it go on stop()', async () => {
    const stress = await startMemoryStress({ memory: { bytes: 96 * MIB }, limitBytes: null });
    try {
      expect(stress.state.heldBytes, 'asked').toBe(96 * MIB);
      expect(stress.readHeldBytes(), 'resident: every page was written').toBeGreaterThanOrEqual(96 * MIB);
    } finally {
      await stress.stop();
    }
    expect(stress.readHeldBytes(), 'gone after stop()').toBe(0);
  });

  it('refuses more than the machine has available, naming the key and the figures', async () => {
    await expect(startMemoryStress({ memory: { bytes: 2 ** 50 }, limitBytes: null }), 'a petabyte').rejects.toThrow(
      /^stress\.memory: .* is more than the .* available now/,
    );
    await expect(
      startMemoryStress({ memory: { bytes: 64 * MIB }, limitBytes: 32 * MIB }),
      'more than the limit',
    ).rejects.toThrow(/^stress\.memory: .* does not fit in stress\.limit/);
  });

  it('dies with a harness killed by kill -9', async () => {
    // A stand-in harness on the built module: starts the helper, prints its pid, waits to be killed.
    const harness = execa(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      const { startMemoryStress } = await import(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist', 'stress', 'memory-stress.js'))});
      const stress = await startMemoryStress({ memory: { bytes: 32 * 1024 * 1024 }, limitBytes: null });
      process.stdout.write(stress.pid + '\\n');
      setInterval(() => {}, 1e6);`,
      ],
      { reject: false, stdin: 'ignore' },
    );
    const helperPid = await new Promise<number>((resolve) =>
      harness.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    expect(isAlive(helperPid), 'helper running').toBe(true);
    harness.kill('SIGKILL');
    await harness;
    let alive = true;
    for (let waited = 0; alive && waited < 3000; waited += 100) {
      await sleep(100);
      alive = isAlive(helperPid) && !/^State:\s+Z/m.test(readFileSync(`/proc/${helperPid}/status`, 'utf8'));
    }
    expect(alive, 'helper gone within 3 s of the harness').toBe(false);
  });
});

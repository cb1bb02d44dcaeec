// Identities without /proc: the same process reads the same within the tolerance; a gone pid none.
import { describe, expect, it } from 'vitest';
import { IDENTITY_TOLERANCE_MS, isSameIdentity, readPortableIdentity } from '../../src/platform/process-identity.js';

describe('readPortableIdentity', () => {
  it('reads this process twice as one identity, near its real start', async () => {
    const first = await readPortableIdentity(process.pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await readPortableIdentity(process.pid);
    expect(first, 'form').toMatch(/^started:\d+$/);
    expect(isSameIdentity(first, second), `${first} and ${second} are one process`).toBe(true);
    const startedAtMs = Date.now() - performance.now();
    expect(
      Math.abs(Number(first!.slice('started:'.length)) - startedAtMs),
      'about when this process started',
    ).toBeLessThan(IDENTITY_TOLERANCE_MS);
  });

  it('gives null for a pid that does not exist', async () => {
    expect(await readPortableIdentity(2 ** 22 + 4321), 'gone').toBeNull();
  });
});

describe('isSameIdentity', () => {
  it('takes starts within the tolerance as one process and further apart as two', () => {
    expect(isSameIdentity('started:1000000', `started:${1000000 + IDENTITY_TOLERANCE_MS}`), 'at the tolerance').toBe(
      true,
    );
    expect(isSameIdentity('started:1000000', `started:${1000001 + IDENTITY_TOLERANCE_MS}`), 'past it').toBe(false);
    expect(isSameIdentity(null, 'started:1'), 'gone').toBe(false);
    expect(isSameIdentity('boot:12', 'boot:12'), 'other forms compare exactly').toBe(true);
  });
});

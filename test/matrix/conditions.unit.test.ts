// The matrix keys and flags of the machine's conditions: stress and noise resolve with their
// defaults, and every bad value is refused in one line naming the key path or the flag.
import { describe, expect, it } from 'vitest';
import { resolveMatrix } from '../../src/matrix/load-matrix.js';

const target = { kind: 'builtin' as const };

describe('stress and noise keys', () => {
  it('default to no stress and a quarter-core threshold with no re-runs', () => {
    const matrix = resolveMatrix({ target }, null);
    expect(matrix.stress, 'stress').toBeNull();
    expect(matrix.noise, 'noise').toEqual({ thresholdCores: 0.25, rerun: 0 });
  });

  it('read a share, a size or bytes, and an optional cgroup limit', () => {
    expect(resolveMatrix({ target, stress: { memory: '70%' } }, null).stress, 'share').toEqual({
      memory: { fraction: 0.7 },
      limitBytes: null,
    });
    expect(resolveMatrix({ target, stress: { memory: '16GB' } }, null).stress, 'size').toEqual({
      memory: { bytes: 16e9 },
      limitBytes: null,
    });
    expect(resolveMatrix({ target, stress: { memory: '40%', limit: '640MB' } }, null).stress, 'limit').toEqual({
      memory: { fraction: 0.4 },
      limitBytes: 640e6,
    });
    expect(resolveMatrix({ target, noise: { threshold: 0.5, rerun: 2 } }, null).noise, 'noise').toEqual({
      thresholdCores: 0.5,
      rerun: 2,
    });
  });

  it('let --stress-memory, --stress-limit and --rerun-noisy override the file', () => {
    const matrix = resolveMatrix({ target, stress: { memory: '10%' }, noise: { rerun: 1 } }, null, {
      'stress-memory': '1GiB',
      'stress-limit': '4GB',
      'rerun-noisy': 3,
    });
    expect(matrix.stress, 'stress').toEqual({ memory: { bytes: 2 ** 30 }, limitBytes: 4e9 });
    expect(matrix.noise?.rerun, 'rerun').toBe(3);
  });

  it('refuse bad values in one line naming the key path or the flag', () => {
    const refuse =
      (input: object, overrides = {}) =>
      () =>
        resolveMatrix({ target, ...input }, '/m/x.yaml', overrides);
    expect(refuse({ stress: { memory: 'lots' } }), 'not a size').toThrow(/stress\.memory: expected "70%", "16GB"/);
    expect(refuse({ stress: { memory: '150%' } }), 'over 100%').toThrow(
      /stress\.memory: expected a share between 0% and 100% \(exclusive\), got 150%/,
    );
    expect(refuse({ stress: { limit: '4GB' } }), 'limit alone').toThrow(/stress\.memory/);
    expect(refuse({ stress: { memory: '50%', limit: '50%' } }), 'a share as a limit').toThrow(
      /stress\.limit: expected a size like "4GB"/,
    );
    expect(refuse({ stress: { memory: '50%', swap: 1 } }), 'unknown key').toThrow(/stress/);
    expect(refuse({ noise: { threshold: -1 } }), 'negative threshold').toThrow(/noise\.threshold/);
    expect(refuse({ noise: { rerun: 11 } }), 'too many re-runs').toThrow(/noise\.rerun/);
    expect(refuse({}, { 'rerun-noisy': Number.NaN }), 'flag not a number').toThrow(/^--rerun-noisy: /);
    expect(refuse({}, { 'stress-memory': 'half' }), 'flag not a size').toThrow(/^--stress-memory: /);
    expect(refuse({}, { 'stress-limit': '4GB' }), 'flag limit alone').toThrow(
      /^\/?.*--stress-limit: a limit without stress\.memory/,
    );
  });
});

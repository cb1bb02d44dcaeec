// The fingerprint: every field filled, the id stable and blind to hostname and versions.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { computeHardwareId, readHardwareFingerprint } from '../../src/monitor/hardware.js';

describe('readHardwareFingerprint', () => {
  it('fills every field from this machine and caches the result', async () => {
    const fingerprint = await readHardwareFingerprint();
    expect(fingerprint.id, 'id: 12 hex digits').toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprint.cpuModel.length, 'cpu model').toBeGreaterThan(0);
    expect(fingerprint.logicalCores, 'logical cores = what Node sees').toBe(os.cpus().length);
    expect(fingerprint.physicalCores, 'physical cores').toBeGreaterThanOrEqual(1);
    expect(fingerprint.physicalCores, 'physical ≤ logical').toBeLessThanOrEqual(fingerprint.logicalCores);
    expect(Math.abs(fingerprint.memoryBytes - os.totalmem()), 'memory ≈ os.totalmem()').toBeLessThan(64 * 1024 * 1024);
    expect(fingerprint.os, 'os names the kernel').toContain(os.release());
    expect(fingerprint.arch, 'arch').toBe(process.arch);
    expect(fingerprint.hostname, 'hostname').toBe(os.hostname());
    expect(fingerprint.nodeVersion, 'node').toBe(process.version);
    expect(fingerprint.duckdbVersion, 'DuckDB version from SELECT version()').toMatch(/^v\d+\.\d+\.\d+/);
    expect(await readHardwareFingerprint(), 'the same object from the cache').toBe(fingerprint);
  }, 30_000);

  it('derives the id from the stable fields only', () => {
    const fields = {
      cpuModel: 'AMD EPYC',
      physicalCores: 2,
      logicalCores: 2,
      memoryBytes: 25_276_063_744,
      platform: 'linux',
      distro: 'Debian GNU/Linux',
      arch: 'x64',
    };
    const id = computeHardwareId(fields);
    expect(computeHardwareId({ ...fields }), 'deterministic').toBe(id);
    expect(
      computeHardwareId({ ...fields, memoryBytes: fields.memoryBytes + 50 * 1024 * 1024 }),
      'a few MiB of memory do not change it',
    ).toBe(id);
    expect(computeHardwareId({ ...fields, logicalCores: 4 }), 'more cores do').not.toBe(id);
    expect(computeHardwareId({ ...fields, cpuModel: 'AMD EPYC 7B13' }), 'another CPU does').not.toBe(id);
    expect(id, 'known value for these fields (a changed formula would orphan stored baselines)').toBe('8d0dfdf8ff14');
  });
});

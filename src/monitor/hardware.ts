// The hardware fingerprint: what a recommendation and a performance baseline hold for, and the
// stable id they are filed under.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import si from 'systeminformation';
import type { HardwareFingerprint } from './types.js';

const GIB = 1024 ** 3;

let cached: Promise<HardwareFingerprint> | null = null;

/** This machine's fingerprint, read once per process (systeminformation spawns helpers on Linux). */
export function readHardwareFingerprint(): Promise<HardwareFingerprint> {
  if (!cached) {
    cached = collectFingerprint();
    // A failed read is not cached: the next caller tries again.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/**
 * The id: first 12 hex digits of sha256 over the fields that change only with the hardware or the
 * OS. Hostname, Node and DuckDB versions are left out so an upgrade or a renamed host keeps its
 * recommendations; memory is rounded to whole GiB because the usable total shifts by a few MiB
 * between kernels and firmware.
 */
export function computeHardwareId(fields: {
  cpuModel: string;
  physicalCores: number;
  logicalCores: number;
  memoryBytes: number;
  platform: string;
  distro: string;
  arch: string;
}): string {
  const stable = [
    fields.cpuModel,
    String(fields.physicalCores),
    String(fields.logicalCores),
    `${Math.round(fields.memoryBytes / GIB)}GiB`,
    fields.platform,
    fields.distro,
    fields.arch,
  ];
  // JSON keeps the fields apart unambiguously (a model name could contain any separator).
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 12);
}

async function collectFingerprint(): Promise<HardwareFingerprint> {
  const [cpu, mem, osInfo, duckdbVersion] = await Promise.all([si.cpu(), si.mem(), si.osInfo(), readDuckdbVersion()]);
  // systeminformation leaves fields empty in some containers; Node's os module is the fallback.
  const cpuModel = joinWords(cpu.manufacturer, cpu.brand) || os.cpus()[0]?.model?.trim() || 'unknown';
  const logicalCores = cpu.cores || os.availableParallelism();
  const physicalCores = cpu.physicalCores || logicalCores;
  const memoryBytes = mem.total || os.totalmem();
  const platform = osInfo.platform || os.platform();
  const distro = osInfo.distro || os.type();
  const arch = osInfo.arch || os.arch();
  const kernel = osInfo.kernel || os.release();
  return {
    id: computeHardwareId({ cpuModel, physicalCores, logicalCores, memoryBytes, platform, distro, arch }),
    cpuModel,
    physicalCores,
    logicalCores,
    memoryBytes,
    os: `${joinWords(distro, osInfo.release)} (${platform} ${kernel})`,
    arch,
    hostname: osInfo.hostname || os.hostname(),
    nodeVersion: process.version,
    duckdbVersion,
  };
}

async function readDuckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      const result = await connection.runAndReadAll('SELECT version()');
      return String(result.getRows()[0]?.[0] ?? 'unknown');
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function joinWords(...words: (string | undefined)[]): string {
  return words
    .map((word) => word?.trim() ?? '')
    .filter((word) => word !== '')
    .join(' ');
}

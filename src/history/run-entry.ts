// What the history keeps of one run, taken from its report (pure): the timed samples of every
// configuration, the reference run's digest of every compared table with the table's verdict,
// and the run's identity, so that adding the same run again changes nothing.
import { createHash } from 'node:crypto';
import { configKey } from '../matrix/types.js';
import type { ResolvedMatrix } from '../matrix/types.js';
import type { TableDigest } from '../digest/types.js';
import type { Report } from '../report/types.js';
import type { CommitInfo, HistoryRun, HistorySample, HistoryTableDigest } from './types.js';

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so that the same matrix always hashes alike. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hash of the resolved matrix without where its file lay: the same matrix on another checkout hashes alike. */
export function hashMatrix(matrix: ResolvedMatrix): string {
  const { source: _source, ...rest } = matrix;
  return hashText(stableJson(rest));
}

function describeAlgorithm(digest: TableDigest): string {
  return digest.algorithm === 'fast-v1' ? `fast-v1@${digest.duckdbVersion ?? 'unknown'}` : (digest.algorithm ?? 'md5');
}

/** The reference run's digest of each compared table (its stable md5 one when taken) and the table's verdict. */
function listTableDigests(report: Report): HistoryTableDigest[] {
  const referenceId = report.determinism.reference?.run ?? null;
  const reference = report.runs.find((run) => run.id === referenceId) ?? null;
  const digests = reference?.stableDigests ?? reference?.digests ?? null;
  const diverged = new Set(report.determinism.divergences.map((d) => d.table));
  return Object.keys(report.matrix.tables)
    .sort()
    .map((table) => {
      const digest = digests?.[table];
      const present = digest?.present === true;
      return {
        table,
        algorithm: digest ? describeAlgorithm(digest) : 'none',
        digest: present ? digest.digest : null,
        rowCount: present ? digest.rowCount : null,
        verdict: diverged.has(table) ? 'fail' : 'pass',
      };
    });
}

function listSamples(report: Report): HistorySample[] {
  return report.runs
    .filter((run) => !run.warmup && !run.superseded)
    .map((run) => ({
      configuration: configKey(run),
      threads: run.threads,
      mode: run.mode,
      rep: run.rep,
      status: run.status,
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      peakRssBytes: run.peakRssBytes,
      noisy: run.noisy === true,
    }));
}

/** The history's record of the run `report` describes, measured at `commit`. */
export function buildHistoryRun(report: Report, commit: CommitInfo): HistoryRun {
  const matrixHash = hashMatrix(report.matrix);
  return {
    runKey: hashText(
      stableJson([report.hardware.id, matrixHash, report.startedAt, report.runs.map((run) => [run.id, run.startedAt])]),
    ),
    commit,
    startedAt: report.startedAt,
    hardware: report.hardware,
    toolVersion: report.tool.version,
    targetKind: report.target.kind,
    targetVersion: report.target.version,
    matrixName: report.matrix.name,
    matrixHash,
    regressionThreshold: report.matrix.regressionThreshold,
    determinism: report.determinism.verdict,
    samples: listSamples(report),
    tables: listTableDigests(report),
  };
}

// Turns a finished, deterministic run into a baseline: the reference run's digests as the golden
// set, and every configuration's timed samples as this machine's performance figures.
import { execa } from 'execa';
import { findStableDigests } from '../analysis/digest-pairing.js';
import { MD5_ALGORITHM } from '../digest/md5-row-encoding.js';
import type { Report } from '../report/types.js';
import { outputKeyOf } from '../baselines/output-key.js';
import { BASELINE_SCHEMA_VERSION, type BaselineFile } from '../baselines/types.js';

/** The current commit of the working directory's repository, if any (names the baseline). */
export async function currentCommit(): Promise<string | null> {
  const result = await execa('git', ['rev-parse', '--short', 'HEAD'], { reject: false });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** Why a report cannot become a baseline, or null when it can. */
export function refuseBaseline(report: Report): string | null {
  if (report.pendingRuns > 0)
    return `the run is incomplete (${report.pendingRuns} runs left); finish it with --resume first`;
  if (report.determinism.verdict === 'fail')
    return 'the run is not deterministic; golden digests from it would enshrine the divergence';
  const unjudged = report.gate.reasons.find((reason) => reason.check === 'evidence' && reason.status === 'fail');
  if (unjudged) return `golden digests need a judged run: ${unjudged.message}`;
  if (!report.determinism.reference) return 'the run has no successful reference run to take golden digests from';
  const reference = report.runs.find((record) => record.id === report.determinism.reference?.run);
  const stable = reference ? findStableDigests(reference) : null;
  const current =
    stable !== null && Object.values(stable).every((table) => !table.present || table.algorithm === MD5_ALGORITHM);
  if (!reference || !current) {
    return `the reference run ${report.determinism.reference.run} has no ${MD5_ALGORITHM} digests (${reference?.stableDigestsError ?? 'they are taken from its database'}): golden digests must not depend on the DuckDB version`;
  }
  return null;
}

/** Merges this run into `existing` (same outputs: keep other machines' figures; else start afresh). */
export function buildBaseline(
  report: Report,
  existing: BaselineFile | null,
  commit: string | null,
  now: string,
): BaselineFile {
  const outputKey = outputKeyOf(report.matrix.target);
  const reference = report.runs.find((record) => record.id === report.determinism.reference?.run);
  const stable = reference ? findStableDigests(reference) : null;
  if (!reference || !stable)
    throw new Error('buildBaseline: reference run without stable digests (refuseBaseline should have said so)');
  const keepOthers = existing !== null && existing.outputKey === outputKey;
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    matrix: report.matrix.name,
    outputKey,
    golden: {
      savedAt: now,
      commit,
      targetVersion: report.target.version,
      reference: { threads: reference.threads, mode: reference.mode },
      tables: stable,
    },
    performance: {
      ...(keepOthers ? existing.performance : {}),
      [report.hardware.id]: {
        hardware: report.hardware,
        savedAt: now,
        commit,
        targetVersion: report.target.version,
        configurations: report.performance.configurations.map((stats) => ({
          key: stats.key,
          threads: stats.threads,
          mode: stats.mode,
          samplesMs: stats.samplesMs,
          medianMs: stats.medianMs,
        })),
      },
    },
  };
}

// Compares a run with a saved baseline: its reference run's digests against the golden ones
// (hardware-independent), and its timings against the same machine's figures (never another's).
import { findSchemaChanges, localizeDifference } from '../analysis/determinism.js';
import { describeDigestAlgorithm, findStableDigests } from '../analysis/digest-pairing.js';
import { comparePerformance, type PerformanceComparison } from '../analysis/regression.js';
import type { PerformanceSummary } from '../analysis/types.js';
import { describeSchemaChange, type SchemaChange } from '../digest/schema.js';
import { configKey, type ResolvedMatrix } from '../matrix/types.js';
import type { HardwareFingerprint } from '../monitor/types.js';
import { findReferenceRecord } from '../core/run-record.js';
import type { RunRecord } from '../core/run-record.js';
import { outputKeyOf } from './output-key.js';
import type { BaselineFile } from './types.js';

/** One table whose digest changed against the golden set. */
export interface GoldenTableDifference {
  readonly table: string;
  readonly rowCounts: { readonly golden: number; readonly run: number };
  readonly groups: readonly string[];
  readonly firstYear: number | null;
  readonly columns: readonly string[];
  /** Columns added, removed or retyped against the golden schema (judged before the rows). */
  readonly schemaChanges: readonly SchemaChange[];
}

export interface GoldenCheck {
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly message: string;
  readonly tables: readonly GoldenTableDifference[];
}

/** What the gate learns from a baseline; serialized into report.json as `baselineComparisons`. */
export interface BaselineCheck {
  readonly golden: GoldenCheck;
  readonly performance: readonly PerformanceComparison[] | { readonly skipped: string };
}

export interface BaselineCheckInput {
  readonly baseline: BaselineFile | null;
  readonly matrix: ResolvedMatrix;
  readonly records: readonly RunRecord[];
  readonly performance: PerformanceSummary;
  readonly hardware: HardwareFingerprint;
}

/** Both baseline checks; each says plainly why it was skipped when it was. */
export function checkAgainstBaseline(input: BaselineCheckInput): BaselineCheck {
  const { baseline } = input;
  if (!baseline) {
    const skipped = 'no baseline given (--baseline FILE, or save one with `threadgate baseline save`)';
    return { golden: { status: 'skipped', message: skipped, tables: [] }, performance: { skipped } };
  }
  const outputKey = outputKeyOf(input.matrix.target);
  if (baseline.outputKey !== outputKey) {
    const skipped = `baseline is for other target inputs (${describeKeyDifference(baseline.outputKey, outputKey)}): its golden digests and timings do not apply`;
    return { golden: { status: 'skipped', message: skipped, tables: [] }, performance: { skipped } };
  }
  return { golden: checkGolden(input, baseline), performance: checkPerformance(input, baseline) };
}

function checkGolden(input: BaselineCheckInput, baseline: BaselineFile): GoldenCheck {
  if (!baseline.golden) return { status: 'skipped', message: 'the baseline holds no golden digests', tables: [] };
  const reference = findReferenceRecord(input.records, input.matrix.reference);
  if (!reference?.digests)
    return { status: 'skipped', message: 'no successful reference run to compare with the golden digests', tables: [] };
  const stable = findStableDigests(reference);
  if (!stable)
    return {
      status: 'skipped',
      message: `the reference run ${reference.id} has no version-stable digests to compare with the golden ones (${reference.stableDigestsError ?? 'they are taken once the plan is complete'})`,
      tables: [],
    };
  const golden = baseline.golden.tables;
  const saved = `saved ${baseline.golden.savedAt}${baseline.golden.commit ? ` at ${baseline.golden.commit}` : ''}`;
  // Golden digests from before schema digests hash other bytes: comparing them would fail every table.
  if (Object.values(golden).some((table) => table.present && !table.schema)) {
    return {
      status: 'skipped',
      message: `the baseline's golden digests (${saved}) predate schema digests and cannot be compared: re-save them with \`threadgate baseline save RUN_DIR --to FILE\``,
      tables: [],
    };
  }
  // Another md5 encoding (md5-v1 before md5-v2) hashes other bytes: refused with one line, never compared.
  const [goldenMade, runMade] = [describeDigestAlgorithm(golden), describeDigestAlgorithm(stable)];
  if (goldenMade !== null && runMade !== null && goldenMade !== runMade) {
    return {
      status: 'skipped',
      message: `the baseline's golden digests (${saved}) were made by ${goldenMade}, this run's by ${runMade}: they are not compared; re-save them with \`threadgate baseline save RUN_DIR --to FILE\``,
      tables: [],
    };
  }
  const tables = [...new Set([...Object.keys(golden), ...Object.keys(stable)])].sort();
  const differences: GoldenTableDifference[] = [];
  for (const table of tables) {
    const expected = golden[table];
    const actual = stable[table];
    if (
      expected &&
      actual &&
      expected.present === actual.present &&
      expected.rowCount === actual.rowCount &&
      expected.digest === actual.digest
    )
      continue;
    const schemaChanges = findSchemaChanges(expected, actual);
    differences.push({
      table,
      rowCounts: { golden: expected?.present ? expected.rowCount : 0, run: actual?.present ? actual.rowCount : 0 },
      ...(schemaChanges.length > 0
        ? { groups: [], firstYear: null, columns: schemaChanges.map((change) => change.column) }
        : localizeDifference(expected, actual)),
      schemaChanges,
    });
  }
  if (differences.length === 0) {
    return {
      status: 'pass',
      message: `${tables.length} table(s) identical to the golden digests (${saved})`,
      tables: [],
    };
  }
  return { status: 'fail', message: differences.map(describeGoldenDifference).join('; '), tables: differences };
}

/** "fct_yearly_events differs from the golden digests: groups …; column …". */
export function describeGoldenDifference(difference: GoldenTableDifference): string {
  const parts = [`${difference.table} differs from the golden digests`];
  if (difference.schemaChanges.length > 0)
    return [...parts, `schema: ${difference.schemaChanges.map(describeSchemaChange).join(', ')}`].join(': ');
  if (difference.rowCounts.golden !== difference.rowCounts.run)
    parts.push(`rows ${difference.rowCounts.golden} → ${difference.rowCounts.run}`);
  if (difference.groups.length > 0) {
    const shown = difference.groups.slice(0, 3).join('; ');
    parts.push(`groups ${shown}${difference.groups.length > 3 ? ` and ${difference.groups.length - 3} more` : ''}`);
  }
  if (difference.columns.length > 0) parts.push(`column ${difference.columns.join(', ')}`);
  return parts.join(': ');
}

function checkPerformance(
  input: BaselineCheckInput,
  baseline: BaselineFile,
): readonly PerformanceComparison[] | { skipped: string } {
  const machines = Object.keys(baseline.performance);
  const figures = baseline.performance[input.hardware.id];
  if (!figures) {
    if (machines.length === 0)
      return {
        skipped: `the baseline holds no performance figures (save some on this machine, ${input.hardware.id}, with \`threadgate baseline save\`)`,
      };
    return {
      skipped: `baseline holds figures for ${machines.join(', ')}, not this machine (${input.hardware.id}): timings from other hardware are never compared`,
    };
  }
  // Only configurations this run attempted: one the matrix (or its shard) left out is not "missing".
  const attempted = new Set(input.records.filter((record) => !record.warmup).map(configKey));
  const before = figures.configurations.filter((config) => attempted.has(config.key));
  const current = input.performance.configurations.map((stats) => ({ key: stats.key, samplesMs: stats.samplesMs }));
  const compared = new Set(before.map((config) => config.key));
  const after = current.filter((stats) => compared.has(stats.key));
  return comparePerformance(before, after, { threshold: input.matrix.regressionThreshold });
}

/**
 * Which target inputs differ between two output keys (`builtin employees=2000 years=… seed=42`):
 * "employees 2000 → 300, years 2025-2027 → 2025-2026", or both keys whole when the kinds differ.
 */
export function describeKeyDifference(savedKey: string, runKey: string): string {
  const saved = parseOutputKey(savedKey);
  const run = parseOutputKey(runKey);
  if (saved.kind !== run.kind) return `target ${savedKey} → ${runKey}`;
  const names = [...new Set([...saved.inputs.keys(), ...run.inputs.keys()])];
  const changed = names
    .filter((name) => saved.inputs.get(name) !== run.inputs.get(name))
    .map((name) => `${name} ${saved.inputs.get(name) ?? '(none)'} → ${run.inputs.get(name) ?? '(none)'}`);
  return changed.length > 0 ? changed.join(', ') : `${savedKey} → ${runKey}`;
}

// "kind [positional] name=value …": the positional (a command's argv) is filed under the kind.
function parseOutputKey(key: string): { kind: string; inputs: Map<string, string> } {
  const space = key.indexOf(' ');
  const kind = space < 0 ? key : key.slice(0, space);
  const rest = space < 0 ? '' : key.slice(space);
  const inputs = new Map<string, string>();
  const names = [...rest.matchAll(/ (\w+)=/g)];
  const positional = rest.slice(0, names[0]?.index ?? rest.length).trim();
  if (positional) inputs.set(kind, positional);
  names.forEach((match, i) => {
    const start = match.index + match[0].length;
    inputs.set(match[1]!, rest.slice(start, names[i + 1]?.index ?? rest.length));
  });
  return { kind, inputs };
}

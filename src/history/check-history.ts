// `history check` as pure data: the change points of every series (hardware × matrix ×
// configuration × metric, in commit order), the commits where a table's digest changed, and where
// determinism broke or came back. Works on what read-history gives; no I/O.
import { DETECTOR_DEFAULTS, detectChangePoints, segmentLevels, type DetectorSettings } from './change-points.js';
import { HISTORY_METRICS, type HistoryDigestPoint, type HistoryMetric, type HistoryPoint } from './types.js';

/** A change of level in one series, named by the commits either side of it. */
export interface SeriesChange {
  /** The last commit measured at the old level (null never happens: a segment has points). */
  readonly lastBefore: string;
  /** The first commit measured at the new level: where the change began. */
  readonly firstAfter: string;
  readonly firstAfterTime: string;
  /** Commits of the series from firstAfter to the newest, firstAfter included (1 = the newest). */
  readonly commitsFromNewest: number;
  readonly meanBefore: number;
  readonly meanAfter: number;
  /** +0.12 = 12% more (slower, for a time). */
  readonly relativeChange: number;
  readonly interval: { readonly low: number; readonly high: number };
  readonly pValue: number;
}

/** One level of a series, for the charts: its commits and mean. */
export interface SeriesLevel {
  readonly firstCommit: string;
  readonly lastCommit: string;
  readonly firstTime: string;
  readonly lastTime: string;
  readonly mean: number;
}

export interface SeriesCheck {
  readonly hardwareId: string;
  readonly matrixName: string;
  readonly configuration: string;
  readonly metric: HistoryMetric;
  readonly commits: number;
  readonly changes: readonly SeriesChange[];
  readonly levels: readonly SeriesLevel[];
}

/** A table whose reference digest differs from the previous commit's (an output change, meant or not). */
export interface OutputChange {
  readonly matrixName: string;
  readonly table: string;
  readonly lastBefore: string;
  readonly firstAfter: string;
  readonly time: string;
  readonly digestBefore: string | null;
  readonly digestAfter: string | null;
}

/** Where a table's verdict across configurations turned: broken (fail) or restored (pass). */
export interface DeterminismChange {
  readonly matrixName: string;
  readonly table: string;
  readonly lastBefore: string;
  readonly firstAfter: string;
  readonly time: string;
  readonly became: 'broken' | 'restored';
}

export interface HistoryCheck {
  readonly settings: DetectorSettings;
  readonly series: readonly SeriesCheck[];
  readonly outputChanges: readonly OutputChange[];
  readonly determinismChanges: readonly DeterminismChange[];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function checkSeries(points: readonly HistoryPoint[], metric: HistoryMetric, settings: DetectorSettings): SeriesCheck {
  const values = points.map((p) => p[metric]);
  const found = detectChangePoints(values, settings);
  const first = points[0]!;
  return {
    hardwareId: first.hardwareId,
    matrixName: first.matrixName,
    configuration: first.configuration,
    metric,
    commits: points.length,
    changes: found.map((c) => ({
      lastBefore: points[c.index - 1]!.commit,
      firstAfter: points[c.index]!.commit,
      firstAfterTime: points[c.index]!.time,
      commitsFromNewest: points.length - c.index,
      meanBefore: c.meanBefore,
      meanAfter: c.meanAfter,
      relativeChange: c.relativeChange,
      interval: c.interval,
      pValue: c.pValue,
    })),
    levels: segmentLevels(values, found).map((s) => ({
      firstCommit: points[s.start]!.commit,
      lastCommit: points[s.end - 1]!.commit,
      firstTime: points[s.start]!.time,
      lastTime: points[s.end - 1]!.time,
      mean: s.mean,
    })),
  };
}

/** Digest and verdict turns of each table, between neighbouring commits whose digests were made alike. */
function checkOutputs(digestPoints: readonly HistoryDigestPoint[]): {
  outputs: OutputChange[];
  determinism: DeterminismChange[];
} {
  const outputs: OutputChange[] = [];
  const determinism: DeterminismChange[] = [];
  for (const points of groupBy(digestPoints, (p) => `${p.matrixName}\u0000${p.table}`).values()) {
    for (let i = 1; i < points.length; i++) {
      const before = points[i - 1]!;
      const after = points[i]!;
      const base = {
        matrixName: after.matrixName,
        table: after.table,
        lastBefore: before.commit,
        firstAfter: after.commit,
        time: after.time,
      };
      // Digests made by different algorithms (or DuckDB versions, for fast ones) say nothing about each other.
      if (before.algorithm === after.algorithm && before.digest !== after.digest)
        outputs.push({ ...base, digestBefore: before.digest, digestAfter: after.digest });
      if (before.verdict !== after.verdict)
        determinism.push({ ...base, became: after.verdict === 'fail' ? 'broken' : 'restored' });
    }
  }
  return { outputs, determinism };
}

/** Everything `history check` reports, from the points and digests of a history. */
export function checkHistory(
  history: { readonly points: readonly HistoryPoint[]; readonly digestPoints: readonly HistoryDigestPoint[] },
  overrides: Partial<DetectorSettings> = {},
): HistoryCheck {
  const settings = { ...DETECTOR_DEFAULTS, ...overrides };
  const series: SeriesCheck[] = [];
  for (const points of groupBy(
    history.points,
    (p) => `${p.hardwareId}\u0000${p.matrixName}\u0000${p.configuration}`,
  ).values()) {
    for (const metric of HISTORY_METRICS) series.push(checkSeries(points, metric, settings));
  }
  const { outputs, determinism } = checkOutputs(history.digestPoints);
  return { settings, series, outputChanges: outputs, determinismChanges: determinism };
}

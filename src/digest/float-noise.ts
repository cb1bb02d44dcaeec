// Float noise told apart from a real change (pure). DuckDB's parallel aggregates over DOUBLE (sum,
// avg, stddev, var, corr) combine partial states in no fixed order, so their last bits change with
// the thread count and from run to run (DuckDB's "non-deterministic behavior" page; duckdb#4270).
// How far apart two doubles are is counted in units in the last place (ULPs): the difference of their
// bit patterns read as ordered 64-bit integers. Measured here: a parallel sum of 4 million DOUBLEs
// moved by up to ~300 ULPs (5e-14 relative) between thread counts; PlanAlign's
// int_workforce_needs_by_level by 1-6 ULPs. A change of a whole cent or more that lands on a
// multiple of 0.01 is a decimal step, never noise, however small relative to the value.

/** The largest relative difference judged by size alone to be reassociation (a re-run proves it otherwise). */
export const REASSOCIATION_RELATIVE_LIMIT = 1e-9;

/** The usual fixes, in the words a report gives them. */
export const FLOAT_FIXES: readonly string[] = [
  'compute money as DECIMAL (exact, order-independent sums)',
  'use kahan_sum / fsum instead of sum (compensated, far less order-dependent)',
  'give the aggregate an order: sum(x ORDER BY key)',
  'round the result to the precision that matters',
];

/** A difference between two doubles, measured. */
export interface FloatDistance {
  readonly ulps: number;
  readonly relative: number;
  readonly absolute: number;
}

/** The ordered integer of a double's bit pattern (negative numbers mirrored, so order matches value). */
function orderedBits(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value); // -0.0 and 0.0 are one value
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** ULPs between two finite doubles (Infinity when either is not finite and they differ). */
export function ulpDistance(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.POSITIVE_INFINITY;
  const distance = orderedBits(a) - orderedBits(b);
  return Number(distance < 0n ? -distance : distance);
}

/** ULPs, relative and absolute distance of a pair. */
export function measureFloatDistance(a: number, b: number): FloatDistance {
  const absolute = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return { ulps: ulpDistance(a, b), relative: scale === 0 ? 0 : absolute / scale, absolute };
}

/** A difference of at least a cent that is (within float error) a whole number of cents: a decimal change. */
export function isDecimalStep(a: number, b: number): boolean {
  const difference = Math.abs(a - b);
  if (difference < 0.01 * (1 - 1e-9)) return false;
  const cents = difference * 100;
  const scale = Math.max(Math.abs(a), Math.abs(b), 1);
  // The subtraction of two doubles near `scale` carries an error of about scale × 2^-52.
  return Math.abs(cents - Math.round(cents)) * 0.01 <= scale * 4 * Number.EPSILON + 1e-12;
}

/** How far one column's paired values are, and whether any pair is a decimal step. */
export interface FloatColumnDistance {
  readonly column: string;
  /** Pairs whose values differ. */
  readonly differingValues: number;
  readonly maxUlps: number;
  readonly maxRelative: number;
  readonly maxAbsolute: number;
  /** A pair that differs by a whole number of cents (at least one): never float noise. */
  readonly decimalStep: { readonly reference: number; readonly run: number } | null;
}

/** Measures `pairs` (reference value, run value) of one column; pairs with either side NULL are left to the caller. */
export function measureColumn(
  column: string,
  pairs: readonly (readonly [number, number])[],
  differingValues: number,
): FloatColumnDistance {
  let maxUlps = 0;
  let maxRelative = 0;
  let maxAbsolute = 0;
  let decimalStep: FloatColumnDistance['decimalStep'] = null;
  for (const [a, b] of pairs) {
    const distance = measureFloatDistance(a, b);
    maxUlps = Math.max(maxUlps, distance.ulps);
    maxRelative = Math.max(maxRelative, distance.relative);
    maxAbsolute = Math.max(maxAbsolute, distance.absolute);
    if (decimalStep === null && isDecimalStep(a, b)) decimalStep = { reference: a, run: b };
  }
  return { column, differingValues, maxUlps, maxRelative, maxAbsolute, decimalStep };
}

/** Whether measured distances are what reassociation explains: no decimal step, and within the relative limit. */
export function explainedByReassociation(
  columns: readonly FloatColumnDistance[],
  limit = REASSOCIATION_RELATIVE_LIMIT,
): boolean {
  return (
    columns.length > 0 &&
    columns.every(
      (column) => column.decimalStep === null && Number.isFinite(column.maxUlps) && column.maxRelative <= limit,
    )
  );
}

/** Whether every column is within a tolerance given in the matrix (`{ relative }` or `{ ulps }`). */
export function withinTolerance(
  columns: readonly FloatColumnDistance[],
  tolerance: { readonly relative: number } | { readonly ulps: number },
): boolean {
  return columns.every(
    (column) =>
      column.decimalStep === null &&
      ('relative' in tolerance ? column.maxRelative <= tolerance.relative : column.maxUlps <= tolerance.ulps),
  );
}

/** Aggregates over floating values a model's SQL uses (sum, avg, stddev, var, corr...), as written, first few. */
export function findFloatAggregates(sql: string): string[] {
  const found: string[] = [];
  const pattern =
    /\b(sum|avg|mean|stddev|stddev_samp|stddev_pop|variance|var_samp|var_pop|corr|covar_pop|covar_samp|regr_\w+|median|quantile\w*)\s*\(\s*(?:distinct\s+)?([^()]*(?:\([^()]*\)[^()]*)*)\)/gi;
  for (const match of sql.matchAll(pattern)) {
    const text = `${match[1]!.toLowerCase()}(${match[2]!.replace(/\s+/g, ' ').trim()})`;
    if (/^(median|quantile)/.test(text)) continue; // order statistics pick a value, they do not add
    if (!found.includes(text)) found.push(text);
  }
  return found.slice(0, 6);
}

// Float distances measured exactly, and the line between reassociation and a real change.
import { describe, expect, it } from 'vitest';
import {
  explainedByReassociation,
  findFloatAggregates,
  isDecimalStep,
  measureColumn,
  ulpDistance,
  withinTolerance,
} from '../../src/digest/float-noise.js';

describe('ulpDistance', () => {
  it('counts units in the last place, across zero and signs', () => {
    expect(ulpDistance(1, 1 + Number.EPSILON), 'next double after 1').toBe(1);
    expect(ulpDistance(1, 1 + 3 * Number.EPSILON)).toBe(3);
    expect(ulpDistance(0, -0), '-0.0 and 0.0 are one value').toBe(0);
    expect(ulpDistance(Number.MIN_VALUE, -Number.MIN_VALUE), 'smallest subnormals either side of zero').toBe(2);
    expect(ulpDistance(0.1 + 0.2, 0.3), '0.1 + 0.2 is one ULP above 0.3').toBe(1);
  });
});

describe('isDecimalStep', () => {
  it('is true for a change of whole cents, however small relative to the value', () => {
    expect(isDecimalStep(2_860_000_000, 2_860_000_000.01), 'one cent on 2.86e9 (relative 3.5e-12)').toBe(true);
    expect(isDecimalStep(1234.56, 1234.57)).toBe(true);
    expect(isDecimalStep(100, 100.25)).toBe(true);
  });
  it('is false for reassociation-sized differences and for fractions of a cent', () => {
    expect(isDecimalStep(1098900015.0867522, 1098900015.0857997), 'measured parallel-sum drift').toBe(false);
    expect(isDecimalStep(100, 100.004)).toBe(false);
    expect(isDecimalStep(100, 100.013)).toBe(false);
  });
});

describe('classification by size', () => {
  it('a parallel sum drift is explained by reassociation; a cent is not', () => {
    const drift = measureColumn('total', [[1098900015.0867522, 1098900015.0857997]], 1);
    expect(drift.maxRelative).toBeLessThan(1e-11);
    expect(explainedByReassociation([drift])).toBe(true);
    const cent = measureColumn('total', [[2_860_000_000, 2_860_000_000.01]], 1);
    expect(cent.decimalStep, 'the pair is named').toEqual({ reference: 2_860_000_000, run: 2_860_000_000.01 });
    expect(explainedByReassociation([cent])).toBe(false);
  });
  it('a tolerance in ULPs or relative terms accepts what it says and no cent', () => {
    const few = measureColumn('x', [[1, 1 + 4 * Number.EPSILON]], 1);
    expect(withinTolerance([few], { ulps: 4 })).toBe(true);
    expect(withinTolerance([few], { ulps: 3 })).toBe(false);
    expect(withinTolerance([few], { relative: 1e-12 })).toBe(true);
    expect(
      withinTolerance([measureColumn('x', [[1e12, 1e12 + 0.01]], 1)], { relative: 1e-9 }),
      'a cent is never tolerated',
    ).toBe(false);
  });
});

describe('findFloatAggregates', () => {
  it('names the aggregates that add floating values, not order statistics', () => {
    const sql =
      'SELECT level_id, SUM(compensation) AS total, avg(x * 1.5), STDDEV(compensation), median(y) FROM t GROUP BY 1';
    expect(findFloatAggregates(sql)).toEqual(['sum(compensation)', 'avg(x * 1.5)', 'stddev(compensation)']);
  });
});

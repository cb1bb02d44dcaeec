// A point estimate with its interval: what statistics produce and every output formats.

/** A point estimate with a confidence interval. */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

// Small SQL builders shared by the models: quoting, hash-based uniform draws and bands. Keeping
// them in one place keeps every model's randomness and banding identical.

/** Quotes an SQL string literal (embedded quotes doubled). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an SQL identifier (embedded double quotes doubled). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A uniform draw in [0, 1) from md5 of (seed | parts...): stable across DuckDB versions (unlike
 * hash()) and independent of row order and thread count. The top 53 bits of the md5's lower
 * 64 bits become an exactly representable double.
 */
export function uniformSql(seed: number, parts: readonly string[]): string {
  const key = [String(Math.trunc(seed)), ...parts].join(", '|', ");
  return `(CAST(md5_number_lower(concat(${key})) >> 11 AS DOUBLE) / 9007199254740992.0)`;
}

/**
 * The 128-bit md5 of (seed | parts...) as a UHUGEINT: one md5 call that uniformPartSql splits into
 * four independent 32-bit uniforms (md5 costs about a microsecond a call here).
 */
export function md5DrawSql(seed: number, parts: readonly string[]): string {
  const key = [String(Math.trunc(seed)), ...parts].join(", '|', ");
  return `md5_number(concat(${key}))`;
}

/** Uniform `part` (0-3) in [0, 1) of a md5DrawSql value: its 32-bit word as an exact double. */
export function uniformPartSql(draw: string, part: number): string {
  return `(CAST((${draw} >> ${32 * part}) & 4294967295 AS DOUBLE) / 4294967296.0)`;
}

/** Whole years between two dates as of the second (floor of days / 365.25), as BIGINT. */
export function yearsBetweenSql(fromDate: string, toDate: string): string {
  return `CAST(floor(date_diff('day', ${fromDate}, ${toDate}) / 365.25) AS BIGINT)`;
}

/** Tenure in years with two decimals, PlanAlign's DECIMAL(12,2). */
export function tenureSql(hireDate: string, asOf: string): string {
  return `CAST(round(greatest(date_diff('day', ${hireDate}, ${asOf}), 0) / 365.25, 2) AS DECIMAL(12,2))`;
}

/** PlanAlign's age bands. */
export function ageBandSql(age: string): string {
  return `CASE WHEN ${age} < 25 THEN '< 25' WHEN ${age} < 35 THEN '25-34' WHEN ${age} < 45 THEN '35-44' WHEN ${age} < 55 THEN '45-54' WHEN ${age} < 65 THEN '55-64' ELSE '65+' END`;
}

/** PlanAlign's tenure bands. */
export function tenureBandSql(tenure: string): string {
  return `CASE WHEN ${tenure} < 2 THEN '< 2' WHEN ${tenure} < 5 THEN '2-4' WHEN ${tenure} < 10 THEN '5-9' WHEN ${tenure} < 20 THEN '10-19' ELSE '20+' END`;
}

/** A DATE literal for year-month-day. */
export function dateSql(year: number, month: number, day: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `DATE '${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}'`;
}

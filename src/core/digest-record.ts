// The digest records every layer reads: a table's digest as the journal, report.json and baselines keep it.

/** One column of a table's schema. */
export interface ColumnSchema {
  readonly name: string;
  /** DuckDB's SQL type name, e.g. `DECIMAL(5,4)`. */
  readonly type: string;
  /** From information_schema.columns.is_nullable; null when DuckDB does not say. */
  readonly nullable: boolean | null;
}

/** Digest of one group of a table (rows sharing the same `groupBy` values). */
export interface GroupDigest {
  /** The group's values in `groupBy` order, as text (`null` for NULL). */
  readonly key: readonly (string | null)[];
  /** Human label, e.g. `simulation_year=2026, event_type=hire`. */
  readonly label: string;
  readonly rowCount: number;
  /** 32 hex digits: sum of row hashes modulo 2^128. */
  readonly digest: string;
}

/**
 * Which algorithm made a digest: `md5-v2` (md5 of the canonical encoding, the same on every DuckDB
 * version: for what is stored; `md5-v1` is its older encoding, read from old files but never compared
 * with md5-v2) or `fast-v1` (DuckDB's hash(), valid only between digests made by the
 * same DuckDB version: for comparing the runs of one matrix). Digests of different algorithms or
 * versions are never compared.
 */
export type DigestAlgorithm = 'md5-v2' | 'md5-v1' | 'fast-v1';

/** Order-independent, multiset-correct digest of one table (see src/digest for the encoding). */
export interface TableDigest {
  readonly table: string;
  /** False when the table does not exist in the database. */
  readonly present: boolean;
  /** Absent (md5 without schema) in digests made before algorithms were recorded. */
  readonly algorithm?: DigestAlgorithm;
  /** The DuckDB version that computed a `fast-v1` digest, e.g. `v1.5.6`. */
  readonly duckdbVersion?: string;
  readonly rowCount: number;
  /** 32 hex digits: the row digest plus the schema hash, modulo 2^128 (schema-aware; see schema.ts). */
  readonly digest: string;
  /** 32 hex digits: sum of row hashes modulo 2^128 (the rows alone). Absent in digests made before schema digests. */
  readonly rowDigest?: string;
  /** Every column (exempt ones too) sorted by name, with its SQL type and nullability. Absent in digests made before schema digests. */
  readonly schema?: readonly ColumnSchema[];
  /** Columns hashed, in encoding order (exempt columns left out). */
  readonly columns: readonly string[];
  readonly exempt: readonly string[];
  readonly groupBy: readonly string[];
  /** Leave-one-out digests: the table digest with that column left out, per column. */
  readonly columnDigests: Readonly<Record<string, string>>;
  readonly groups: readonly GroupDigest[];
}

/** Digests of the tables of one database, by table name. */
export type DatabaseDigest = Readonly<Record<string, TableDigest>>;

/** One distinct row that differs, with how often it occurs on each side. */
export interface SampleRow {
  readonly values: Readonly<Record<string, string | number | boolean | null>>;
  /** Occurrences in A minus occurrences in B (positive: extra in A). */
  readonly surplus: number;
}

/** True when both digests hold the same tables with the same counts and digests. */
export function sameDigests(a: DatabaseDigest, b: DatabaseDigest): boolean {
  const tables = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const table of tables) {
    const left = a[table];
    const right = b[table];
    if (!left || !right) return false;
    if (left.present !== right.present || left.rowCount !== right.rowCount || left.digest !== right.digest)
      return false;
  }
  return true;
}

/** The fast digest of one relation of a run's database (volatile columns left out), for the lineage walk (src/lineage). */
export interface RelationDigest {
  readonly rowCount: number;
  /** 32 hex digits: the rows' hash sum plus the schema's md5 (src/digest/digest-relations.ts); absent when it could not be read. */
  readonly digest?: string;
  /** Volatile columns left out of the digest. */
  readonly exempt?: readonly string[];
  /** Why the relation could not be digested (e.g. a view over a missing table). */
  readonly error?: string;
}

// The digest concern's public surface, so other folders import one path.
export { DEFAULT_TABLES, WALL_CLOCK_COLUMNS, chooseDefaultTables, digestDatabase, listTables, type DigestOptions } from './digest-database.js';
export { DEFAULT_SAMPLES, diffDatabases } from './diff-databases.js';
export type { DatabaseDiff, DatabaseDigest, DigestAlgorithm, GroupDigest, SampleRow, TableDiff, TableDigest } from './types.js';

// `simulate --keep-intermediates`: the models' outputs otherwise live only in the in-memory
// database. Kept, each model's last state (the last simulated year's, as a dbt table a per-year
// pipeline rebuilds) is copied into the file beside the outputs, so that a walk over the lineage
// (src/lineage) has every relation to compare. Sharded models are stored as the union of their shards.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Model } from './model-types.js';
import { FILE_CATALOG } from './output-writer.js';
import { SHARDED_MODELS } from './pipeline.js';
import { SHARD_IDS, shardName } from './sharding.js';
import { quoteLiteral } from './sql-fragments.js';

/** Copies every declared model's table still in memory, and not already in the file, into the file. */
export async function keepIntermediates(connection: DuckDBConnection, models: readonly Model[]): Promise<string[]> {
  const listed = await connection.runAndReadAll(
    `SELECT table_catalog AS c, table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog IN ('memory', ${quoteLiteral(FILE_CATALOG)})`,
  );
  const inMemory = new Set<string>();
  const inFile = new Set<string>();
  for (const row of listed.getRowObjectsJson()) (row['c'] === 'memory' ? inMemory : inFile).add(String(row['t']));
  const kept: string[] = [];
  for (const name of [...new Set(models.map((model) => model.name))].sort()) {
    if (inFile.has(name)) continue;
    const shards = SHARD_IDS.map((k) => shardName(name, k));
    const source =
      SHARDED_MODELS.includes(name) && shards.every((shard) => inMemory.has(shard))
        ? shards.map((shard) => `SELECT * FROM memory.main.${shard}`).join(' UNION ALL ')
        : inMemory.has(name)
          ? `SELECT * FROM memory.main.${name}`
          : null;
    // A staging model renamed by its publish (int_yearly_events) is in the file as the output it became.
    if (source === null) continue;
    await connection.run(`CREATE TABLE ${FILE_CATALOG}.${name} AS ${source}`);
    kept.push(name);
  }
  return kept;
}

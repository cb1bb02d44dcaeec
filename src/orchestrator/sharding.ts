// Employee shards (PlanAlign E068C's event_shards idea): the heavy per-employee models run once per
// shard over a disjoint set of employees, as separate model executions two threads can run at
// once. An employee's shard is a pure function of its id, so every event of one employee lands in
// one shard and per-employee windows stay exact; shards are unioned in shard order afterwards.

/** Fixed shard count: the same for every thread count and mode, so the work done never varies. */
export const EMPLOYEE_SHARDS = 2;

/** Shard numbers 0..EMPLOYEE_SHARDS-1. */
export const SHARD_IDS: readonly number[] = Array.from({ length: EMPLOYEE_SHARDS }, (_, k) => k);

/** SQL for an id's shard: its last two digits modulo the shard count (ids all end in digits). */
export function shardOfSql(employeeId: string): string {
  return `(CAST(right(${employeeId}, 2) AS INTEGER) % ${EMPLOYEE_SHARDS})`;
}

/** The name of shard `k` of a sharded table or model. */
export function shardName(name: string, k: number): string {
  return `${name}_s${k}`;
}

/**
 * Rewrites a model's SQL for shard `k`: `{shard}` becomes k, each name in `sharded` its shard table, and each
 * name in `filtered` (global tables) becomes a subquery keeping only shard `k`'s employees.
 */
export function rewriteForShard(
  sql: string,
  k: number,
  sharded: readonly string[],
  filtered: readonly string[] = [],
): string {
  const names = [...sharded, ...filtered];
  sql = sql.replaceAll('{shard}', String(k)); // a per-shard table named in the SQL itself
  if (names.length === 0) return sql;
  const pattern = new RegExp(`\\b(${names.join('|')})\\b`, 'g');
  return sql.replace(pattern, (name) =>
    sharded.includes(name) ? shardName(name, k) : `(SELECT * FROM ${name} WHERE ${shardOfSql('employee_id')} = ${k})`,
  );
}

/** SQL of a view stacking every shard of `name` in shard order. */
export function unionViewSql(name: string): string {
  return `CREATE OR REPLACE VIEW ${name} AS ${SHARD_IDS.map((k) => `SELECT * FROM ${shardName(name, k)}`).join(' UNION ALL ')}`;
}

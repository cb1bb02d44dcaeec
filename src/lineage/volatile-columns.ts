// Columns that differ on every run by construction, read off a model's SQL: a value from the wall
// clock or a generated uuid, named by the alias it is selected as. random() is deliberately not
// here: a model drawing random() is the kind of bug the walk exists to find.
import type { LineageNode, VolatileColumn } from './types.js';

/** SQL expressions whose value is new on every run. */
const VOLATILE_CALL = String.raw`(?:current_timestamp(?:\s*\(\s*\))?|now\s*\(\s*\)|get_current_timestamp\s*\(\s*\)|current_localtimestamp\s*\(\s*\)|localtimestamp|transaction_timestamp\s*\(\s*\)|gen_random_uuid\s*\(\s*\)|uuid\s*\(\s*\)|uuidv4\s*\(\s*\)|epoch_ms\s*\(\s*now\s*\(\s*\)\s*\))`;

/** `<call> AS col`, `<call>::type AS col`, `CAST(<call> AS type) AS col` (identifiers plain or quoted). */
const PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?<!cast\s*\(\s*)${VOLATILE_CALL}\s*(?:::\s*[\w ]+?\s*)?\s+as\s+("?)([A-Za-z_][\w$]*)\1`, 'gi'),
  new RegExp(String.raw`cast\s*\(\s*${VOLATILE_CALL}\s+as\s+[\w ()]+?\)\s+as\s+("?)([A-Za-z_][\w$]*)\1`, 'gi'),
];

/** dbt's `{{ invocation_id }}` (a new uuid for every dbt call), quoted or not, selected as a column: read off the raw SQL. */
const INVOCATION_ID = /'?\{\{\s*invocation_id\s*\}\}'?\s*(?:::\s*\w+\s*)?\s+as\s+("?)([A-Za-z_][\w$]*)\1/gi;

/** Columns a dbt model's raw SQL fills with `{{ invocation_id }}`: new on every dbt call. */
export function findInvocationIdColumns(rawSql: string, where: string): VolatileColumn[] {
  return [...rawSql.matchAll(INVOCATION_ID)].map((match) => ({
    column: match[2]!.toLowerCase(),
    reason: `dbt invocation id: {{ invocation_id }} in ${where}`,
  }));
}

/** What a volatile call is, for the reason a report gives. */
function describeCall(text: string): string {
  return /uuid/i.test(text) ? 'generated uuid' : 'wall clock';
}

/** The volatile columns `sql` selects, each with the call that makes it so; `where` names the SQL for the reason. */
export function findVolatileColumns(sql: string, where: string): VolatileColumn[] {
  const found = new Map<string, VolatileColumn>();
  const stripped = sql.replace(/--[^\n]*/g, ' ');
  for (const pattern of PATTERNS) {
    for (const match of stripped.matchAll(pattern)) {
      const column = match[2]!.toLowerCase();
      const call = match[0]
        .split(/\s+as\s+/i)[0]!
        .replace(/^cast\s*\(\s*/i, '')
        .trim();
      if (!found.has(column))
        found.set(column, { column, reason: `${describeCall(call)}: ${call.replace(/\s+/g, ' ')} in ${where}` });
    }
  }
  return [...found.values()];
}

/**
 * Adds to each node the volatile columns it carries from upstream: a column of the same name as a
 * volatile column of a relation it reads (PlanAlign's created_at flows from the event models into
 * fct_yearly_events). `columnsOf` gives a relation's columns, when known.
 */
export function propagateVolatile(
  nodes: Readonly<Record<string, LineageNode>>,
  columnsOf: (relation: string) => readonly string[] | null,
): Record<string, LineageNode> {
  const result: Record<string, LineageNode> = { ...nodes };
  const order = topologicalOrder(nodes);
  for (const relation of order) {
    const node = result[relation]!;
    const own = new Map(node.volatile.map((entry) => [entry.column, entry]));
    const columns = columnsOf(relation);
    for (const parent of node.upstream) {
      for (const entry of result[parent]?.volatile ?? []) {
        if (own.has(entry.column)) continue;
        if (columns !== null && !columns.includes(entry.column)) continue;
        if (columns === null && !node.sql?.toLowerCase().includes(entry.column)) continue;
        own.set(entry.column, { column: entry.column, reason: `carried from ${parent} (${entry.reason})` });
      }
    }
    result[relation] = { ...node, volatile: [...own.values()] };
  }
  return result;
}

/** Relations with every upstream relation before them (a cycle's members keep their name order). */
function topologicalOrder(nodes: Readonly<Record<string, LineageNode>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name) || !nodes[name]) return;
    state.set(name, 'visiting');
    for (const parent of nodes[name]!.upstream) visit(parent);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(nodes).sort()) visit(name);
  return order;
}

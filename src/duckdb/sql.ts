// Quoting for SQL built from user input: every identifier and literal goes through here.

/** Quotes an identifier for DuckDB: double quotes, embedded double quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: single quotes, embedded single quotes doubled. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A fully qualified table reference in an attached database's main schema. */
export function qualifiedTable(alias: string, table: string): string {
  return `${quoteIdentifier(alias)}.main.${quoteIdentifier(table)}`;
}

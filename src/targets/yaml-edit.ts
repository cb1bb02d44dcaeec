// Edits one value of a YAML file in its text, leaving every other byte as it was. The `yaml` package's
// Document API keeps keys and comments but re-prints the whole file (blank lines, spacing before
// comments, flow lists), so a config written back that way shows a diff on dozens of untouched lines;
// a person reviewing `recommend --apply` should see only the lines it changed.
import YAML from 'yaml';

/** A YAML text after setting a value, with the value that was there before (undefined: absent). */
export interface YamlEdit {
  readonly text: string;
  readonly before: unknown;
}

type Range = readonly [number, number, number];

function scalarText(value: unknown, original?: YAML.Scalar): string {
  if (typeof value === 'string') {
    if (original?.type === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
    if (original?.type === 'PLAIN' && YAML.parse(value) === value && !/[:#]/.test(value)) return value;
    return JSON.stringify(value);
  }
  return JSON.stringify(value);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** The nested block `a:\n  b: value` for the keys still missing below an existing map. */
function blockText(keys: readonly string[], value: unknown, indent: number): string {
  return keys
    .map(
      (key, depth) =>
        `${' '.repeat(indent + 2 * depth)}${key}:${depth === keys.length - 1 ? ` ${scalarText(value)}` : ''}`,
    )
    .join('\n');
}

/**
 * Sets `path` to the scalar `value` in `text`. An existing scalar is replaced in place (its quoting
 * style kept, its comment untouched); missing keys are added as a block after the last entry of the
 * deepest map that exists. Throws when the path runs into a non-map or the map is a flow map (`{…}`).
 */
export function setYamlValue(text: string, path: readonly string[], value: unknown): YamlEdit {
  const document = YAML.parseDocument(text);
  const existing = document.getIn(path, true);
  if (YAML.isScalar(existing) && existing.range) {
    const [start, valueEnd] = existing.range as Range;
    return { text: text.slice(0, start) + scalarText(value, existing) + text.slice(valueEnd), before: existing.value };
  }
  if (existing !== undefined) throw new Error(`${path.join('.')} is not a scalar`);
  let map: unknown = document.contents;
  let depth = 0;
  while (depth < path.length - 1) {
    const next = (map as YAML.YAMLMap).get(path[depth], true);
    if (next === undefined) break;
    if (!YAML.isMap(next)) throw new Error(`${path.slice(0, depth + 1).join('.')} is not a mapping`);
    map = next;
    depth += 1;
  }
  if (!YAML.isMap(map) || map.flow)
    throw new Error(`${path.slice(0, depth).join('.') || 'the document'} is not a block mapping`);
  const last = map.items.at(-1);
  const lastEnd = (YAML.isNode(last?.value) ? last.value.range : YAML.isNode(last?.key) ? last.key.range : undefined) as
    | Range
    | undefined;
  const firstKey = map.items[0]?.key;
  const indent = YAML.isNode(firstKey) && firstKey.range ? firstKey.range[0] - lineStart(text, firstKey.range[0]) : 0;
  const block = blockText(path.slice(depth), value, indent);
  if (!lastEnd)
    return { text: `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${block}\n`, before: undefined };
  // After the line the map's last entry ends on (its value end, before a trailing comment's line break).
  const at = lineEnd(text, Math.max(lastEnd[1] - 1, 0));
  return { text: `${text.slice(0, at)}\n${block}${text.slice(at)}`, before: undefined };
}

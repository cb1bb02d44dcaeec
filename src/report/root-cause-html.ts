// report.html's root-cause section: per root cause a small lineage picture (inline SVG, every name
// escaped) from the root cause to the compared tables it reaches, the differing relations marked,
// then its verdict, columns and readable sample rows.
import type { SampleRow } from '../digest/types.js';
import type { RootCause } from '../lineage/diagnosis-types.js';
import { escapeHtml as h } from './escape.js';
import { chooseSampleColumns, describeClassification, formatChain } from './root-cause-rows.js';
import type { Report } from './types.js';

const BOX_WIDTH = 210;
const BOX_HEIGHT = 28;
const GAP_X = 40;
const GAP_Y = 12;

/** Layered picture: a relation's column is its furthest step from the root along any chain. */
export function renderLineageSvg(cause: RootCause): string {
  const depth = new Map<string, number>();
  const differs = new Map<string, boolean>();
  const edges = new Set<string>();
  for (const chain of cause.chain) {
    chain.path.forEach((step, index) => {
      depth.set(step, Math.max(depth.get(step) ?? 0, index));
      differs.set(step, (differs.get(step) ?? false) || chain.differs[index] === true);
      if (index > 0) edges.add(JSON.stringify([chain.path[index - 1], step]));
    });
  }
  const targets = new Set(cause.chain.map((chain) => chain.to));
  const columns = new Map<number, string[]>();
  for (const [name, d] of [...depth].sort(([a], [b]) => a.localeCompare(b)))
    columns.set(d, [...(columns.get(d) ?? []), name]);
  const position = new Map<string, { x: number; y: number }>();
  for (const [d, names] of columns) {
    for (const [row, name] of names.entries())
      position.set(name, { x: 4 + d * (BOX_WIDTH + GAP_X), y: 4 + row * (BOX_HEIGHT + GAP_Y) });
  }
  const width = 8 + (Math.max(...columns.keys()) + 1) * (BOX_WIDTH + GAP_X) - GAP_X;
  const height = 8 + Math.max(...[...columns.values()].map((names) => names.length)) * (BOX_HEIGHT + GAP_Y) - GAP_Y;
  const lines = [...edges].map((edge) => {
    const [from, to] = JSON.parse(edge) as [string, string];
    const a = position.get(from)!;
    const b = position.get(to)!;
    return `<line x1="${a.x + BOX_WIDTH}" y1="${a.y + BOX_HEIGHT / 2}" x2="${b.x}" y2="${b.y + BOX_HEIGHT / 2}" stroke="#555" marker-end="url(#arrow)"/>`;
  });
  const boxes = [...position].map(([name, { x, y }]) => {
    const kind = name === cause.relation ? 'root' : differs.get(name) ? 'differs' : 'same';
    const fill = kind === 'root' ? '#f8d7da' : kind === 'differs' ? '#fff3cd' : '#eeeeee';
    const stroke = kind === 'root' ? '#b02a37' : targets.has(name) ? '#000' : '#888';
    const label = name.length > 30 ? `${name.slice(0, 29)}…` : name;
    return (
      `<g><title>${h(`${name}: ${kind === 'root' ? 'root cause' : kind === 'differs' ? 'differs' : 'no difference left (overwritten by a later year)'}${targets.has(name) ? ', compared table' : ''}`)}</title>` +
      `<rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="4" fill="${fill}" stroke="${stroke}" stroke-width="${targets.has(name) || kind === 'root' ? 2 : 1}"${kind === 'same' ? ' stroke-dasharray="4 3"' : ''}/>` +
      `<text x="${x + 8}" y="${y + 18}" font-size="12" font-family="monospace">${h(label)}</text></g>`
    );
  });
  return (
    `<svg class="lineage" role="img" aria-label="${h(`lineage from ${cause.relation} to ${[...targets].join(', ')}`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>` +
    `${lines.join('')}${boxes.join('')}</svg>`
  );
}

/** A sample table of the differing and identifying columns only (full rows are in report.json). */
export function renderReadableSamples(
  samples: { readonly reference: readonly SampleRow[]; readonly run: readonly SampleRow[] },
  differing: readonly string[],
  identifying: readonly string[],
  maxRows = 5,
): string {
  const sides: [string, readonly SampleRow[]][] = [
    ['reference', samples.reference.slice(0, maxRows)],
    ['run', samples.run.slice(0, maxRows)],
  ];
  const columns = chooseSampleColumns({ reference: sides[0]![1], run: sides[1]![1] }, differing, identifying);
  const cell = (v: SampleRow['values'][string] | undefined): string =>
    v === null || v === undefined ? '<td class="muted">NULL</td>' : `<td>${h(v)}</td>`;
  const body = sides
    .flatMap(([side, rows]) =>
      rows.map(
        (row) =>
          `<tr><td>${side}</td><td class="num">${row.surplus > 0 ? '+' : ''}${row.surplus}</td>${columns.map((c) => cell(row.values[c])).join('')}</tr>`,
      ),
    )
    .join('\n');
  return `<table><thead><tr><th>side</th><th>×</th>${columns.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

function renderCause(cause: RootCause): string {
  const c = cause.classification;
  return `<article class="divergence root-cause" id="root-cause-${h(cause.relation)}">
<h3>Root cause <code>${h(cause.relation)}</code>${cause.file ? ` — <code>${h(cause.file)}</code>` : ''}</h3>
<p>Differs at ${cause.configurations.map((k) => `<code>${h(k)}</code>`).join(', ')} (runs ${cause.runs.map((r) => `<code>${h(r)}</code>`).join(', ')})${cause.kind === 'repetition' ? ' · <strong>also differs on repetition</strong>' : ''} · columns ${cause.columns.length > 0 ? cause.columns.map((x) => `<code>${h(x)}</code>`).join(', ') : 'unknown (databases not kept)'}</p>
${renderLineageSvg(cause)}
${cause.chain.map((chain) => `<p>Reaches <code>${h(chain.to)}</code>: ${h(formatChain(chain))}</p>`).join('\n')}
<p><strong>${h(describeClassification(c))}</strong></p>
${c?.aggregates?.length ? `<p>Aggregates in its SQL: ${c.aggregates.map((a) => `<code>${h(a)}</code>`).join(', ')}</p>` : ''}
${c?.fixes?.length ? `<p>Usual fixes: ${h(c.fixes.join('; '))}</p>` : ''}
${cause.volatile.length > 0 ? `<p class="muted">Volatile, not evidence: ${cause.volatile.map((v) => `<code>${h(v.column)}</code> (${h(v.reason)})`).join(', ')}</p>` : ''}
${cause.overwrittenUpstream.length > 0 ? `<p class="muted">Upstream relations a later year overwrote (an earlier difference there would be gone): ${cause.overwrittenUpstream.map((r) => `<code>${h(r)}</code>`).join(', ')}</p>` : ''}
${cause.samples ? renderReadableSamples(cause.samples, cause.columns, cause.keyColumns) : ''}
</article>`;
}

/** The section, or nothing when the walk found nothing and has nothing to say. */
export function renderRootCausesHtml(report: Report): string {
  const causes = report.rootCauses ?? [];
  const lineage = report.lineage;
  const others = lineage?.otherDifferences ?? [];
  const tolerated = lineage?.tolerated ?? [];
  if (causes.length === 0 && !lineage?.note && others.length === 0 && tolerated.length === 0) return '';
  const parts = [
    '<section id="root-causes"><h2>Root causes</h2>',
    '<p class="muted">Relations that differ from the reference while none of their upstream relations do; volatile columns (wall clock, generated uuids) are not evidence.</p>',
    ...causes.map(renderCause),
    lineage?.note ? `<p><strong>${h(lineage.note)}</strong></p>` : '',
    ...tolerated.map(
      (t) =>
        `<p>≈ <code>${h(t.table)}</code> in <code>${h(t.run)}</code>: ${t.values} value(s) equal only within the float tolerance (max ${t.maxUlps} ULPs, relative ${h(t.maxRelative.toExponential(1))})</p>`,
    ),
    others.length > 0
      ? `<p>Other relations that differ but reach no diverging compared table: ${others.map((o) => `<code>${h(o.relation)}</code> (${o.inLineage ? '' : 'not in the lineage: '}${h(describeClassification(o.classification))})`).join('; ')}</p>`
      : '',
    '</section>',
  ];
  return parts.join('\n');
}

// The walk as `diff --dag` prints it: root causes first, each with its chain and verdict.
import type { OtherDifference, RootCause } from './diagnosis-types.js';
import type { LineageChain } from './walk.js';

function formatChain(chain: LineageChain): string {
  return chain.path.map((step, index) => (chain.differs[index] ? step : `${step} (no difference left)`)).join(' -> ');
}

function formatVerdict(cause: Pick<RootCause, 'classification'>): string {
  const c = cause.classification;
  if (c === null) return 'not classified';
  return `${c.verdict === 'float-reassociation' ? 'floating-point reassociation' : 'real change'}: ${c.reason}`;
}

/** Text block, empty when the walk found nothing. */
export function formatWalk(walked: {
  rootCauses: readonly RootCause[];
  otherDifferences: readonly OtherDifference[];
}): string {
  const lines: string[] = [];
  for (const cause of walked.rootCauses) {
    lines.push(
      `ROOT CAUSE ${cause.relation}${cause.file ? ` (${cause.file})` : ''}: columns ${cause.columns.length > 0 ? cause.columns.join(', ') : 'none localized'}`,
    );
    for (const chain of cause.chain) lines.push(`  reaches ${chain.to}: ${formatChain(chain)}`);
    lines.push(`  ${formatVerdict(cause)}`);
    if (cause.classification?.fixes?.length) lines.push(`  usual fixes: ${cause.classification.fixes.join('; ')}`);
    if (cause.volatile.length > 0)
      lines.push(`  volatile, not evidence: ${cause.volatile.map((v) => v.column).join(', ')}`);
    if (cause.overwrittenUpstream.length > 0)
      lines.push(`  overwritten upstream (a later year rebuilt them): ${cause.overwrittenUpstream.join(', ')}`);
  }
  for (const other of walked.otherDifferences)
    lines.push(`also differs (reaches no differing table): ${other.relation}: ${formatVerdict(other)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n\n` : '';
}

// Fast digests are compared only with fast digests of the same DuckDB version; otherwise the verdict
// falls back to both runs' stable digests, or says it cannot compare them — never compares them wrongly.
import { describe, expect, it } from 'vitest';
import { judgeDeterminism } from '../../src/analysis/determinism.js';
import { describeDigestAlgorithm, pairDigests } from '../../src/analysis/digest-pairing.js';
import type { TableDigest } from '../../src/digest/types.js';
import { makeRun, makeTable } from './helpers.js';

const reference = { threads: 1, mode: 'sequential' } as const;
const table = (digest: string, made: Partial<TableDigest>): TableDigest => ({
  ...makeTable('t', { 'simulation_year=2025': digest }, { a: `${digest}-a` }),
  digest,
  ...made,
});
const fast = (digest: string, version: string) => ({
  t: table(digest, { algorithm: 'fast-v1', duckdbVersion: version }),
});
const md5 = (digest: string) => ({ t: table(digest, { algorithm: 'md5-v1' }) });

describe('digest pairing', () => {
  it('names what made the digests', () => {
    expect(describeDigestAlgorithm(fast('x', 'v1.5.6')), 'fast').toBe('fast-v1 (DuckDB v1.5.6)');
    expect(describeDigestAlgorithm(md5('x')), 'md5').toBe('md5-v1');
    expect(describeDigestAlgorithm({ t: makeTable('t', {}, {}) }), 'legacy').toBe('md5 (before schema digests)');
  });

  it('compares fast digests of one DuckDB version, else the stable ones', () => {
    const a = makeRun({ ...reference, digests: fast('f1', 'v1.5.6'), stableDigests: md5('s1') });
    const sameVersion = makeRun({ threads: 2, mode: 'sequential', digests: fast('f1', 'v1.5.6') });
    const otherVersion = makeRun({
      threads: 2,
      mode: 'sequential',
      digests: fast('g1', 'v1.6.0'),
      stableDigests: md5('s1'),
    });
    expect(pairDigests(a, sameVersion)?.b, 'fast with fast').toBe(sameVersion.digests);
    expect(pairDigests(a, otherVersion)?.b, 'stable fallback').toBe(otherVersion.stableDigests);
    expect(
      pairDigests(a, makeRun({ threads: 2, mode: 'sequential', digests: fast('g1', 'v1.6.0') })),
      'nothing to pair',
    ).toBeNull();
  });

  it('says which runs it could not compare, and does not count them as compared or passed', () => {
    const runs = [
      makeRun({ ...reference, digests: fast('f1', 'v1.5.6') }),
      makeRun({ threads: 2, mode: 'sequential', digests: fast('f1', 'v1.5.6') }),
      makeRun({ threads: 4, mode: 'sequential', digests: fast('other', 'v1.6.0') }),
    ];
    const verdict = judgeDeterminism(runs, reference);
    expect(verdict.compared, 'only the comparable run').toBe(1);
    expect(verdict.divergences, 'a different DuckDB version is not a divergence').toEqual([]);
    expect(verdict.configurations['t4-sequential'], 'not judged').toBe('no-data');
    expect(verdict.referenceNote, 'said plainly').toBe(
      '1 run(s) cannot be compared with the reference, whose digests are fast-v1 (DuckDB v1.5.6), and have no stable digests to fall back to: t4-sequential-r1 (fast-v1 (DuckDB v1.6.0))',
    );
  });
});

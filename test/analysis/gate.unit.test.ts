import { describe, expect, it } from 'vitest';
import { decideGate } from '../../src/analysis/gate.js';
import type { PerformanceComparison } from '../../src/analysis/regression.js';
import type { DeterminismVerdict } from '../../src/analysis/types.js';
import { makeRun } from './helpers.js';

const pass: DeterminismVerdict = {
  verdict: 'pass',
  reference: { run: 't1-sequential-r1', threads: 1, mode: 'sequential' },
  compared: 3,
  divergences: [],
  configurations: {},
};
const fail: DeterminismVerdict = {
  ...pass,
  verdict: 'fail',
  divergences: [
    {
      run: 't4-selective-r1',
      threads: 4,
      mode: 'selective',
      table: 'fct_yearly_events',
      kind: 'configuration',
      alsoDiffersOnRepetition: false,
      rowCounts: { reference: 1, run: 1 },
      groups: ['simulation_year=2026'],
      firstYear: 2026,
      columns: ['amount'],
      samples: null,
    },
  ],
};
const okRuns = [makeRun({ threads: 1, mode: 'sequential' })];
const crashed = [
  ...okRuns,
  makeRun({ threads: 4, mode: 'selective', status: 'timeout', error: 'timed out after 1000 ms' }),
];
const regression = [
  { key: 't1-sequential', verdict: 'regression', message: 't1-sequential: regression' } as PerformanceComparison,
];

describe('decideGate', () => {
  it('passes when everything passes, with one reason per check', () => {
    const gate = decideGate({ determinism: pass, runs: okRuns });
    expect(gate.exitCode, 'exit').toBe(0);
    expect(
      gate.reasons.map((r) => `${r.check}:${r.status}`),
      'reasons',
    ).toEqual(['determinism:pass', 'failures:pass', 'golden-digests:skipped', 'performance:skipped']);
  });

  it('orders 1 over 3 over 4', () => {
    expect(decideGate({ determinism: fail, runs: crashed, performance: regression }).exitCode, 'divergence wins').toBe(
      1,
    );
    expect(
      decideGate({
        determinism: pass,
        runs: crashed,
        golden: { status: 'fail', message: 'changed' },
        performance: regression,
      }).exitCode,
      'golden wins',
    ).toBe(1);
    expect(
      decideGate({ determinism: pass, runs: crashed, performance: regression }).exitCode,
      'regression over crash',
    ).toBe(3);
    const crash = decideGate({
      determinism: pass,
      runs: crashed,
      performance: { skipped: 'no baseline for this hardware' },
    });
    expect(crash.exitCode, 'crash alone').toBe(4);
    expect(crash.reasons[1]!.message, 'names the run').toBe(
      '1 of 2 run(s) crashed or timed out: t4-selective-r1 (timeout: timed out after 1000 ms)',
    );
    expect(crash.reasons[3]!.message, 'skip reason').toBe('no baseline for this hardware');
    expect(decideGate({ determinism: fail, runs: okRuns }).reasons[0]!.message, 'evidence').toContain(
      't4-selective-r1 fct_yearly_events (configuration; groups simulation_year=2026, first year 2026, columns amount)',
    );
  });

  it('is incomplete while planned runs are missing, naming them and the --resume command', () => {
    const gate = decideGate({ determinism: pass, runs: okRuns, pendingRuns: 2, runDir: '/reports/quick-x' });
    expect([gate.verdict, gate.exitCode], 'verdict, exit').toEqual(['incomplete', 4]);
    expect(gate.reasons.find((r) => r.check === 'completeness')?.message, 'message').toBe(
      'incomplete: 2 of 3 planned run(s) missing (interrupted, killed or out of time); finish them with `threadgate run --resume /reports/quick-x`',
    );
    expect(decideGate({ determinism: fail, runs: okRuns, pendingRuns: 2 }).exitCode, 'a divergence still wins').toBe(1);
  });

  it('never passes on nothing: every check skipped fails with exit 4', () => {
    const none: DeterminismVerdict = {
      verdict: 'skipped',
      reference: null,
      referenceNote: 'no successful run with digests: nothing to compare',
      compared: 0,
      divergences: [],
      configurations: {},
    };
    const gate = decideGate({ determinism: none, runs: [] });
    expect([gate.verdict, gate.exitCode], 'verdict, exit').toEqual(['fail', 4]);
    expect(
      gate.reasons.map((r) => `${r.check}:${r.status}`),
      'reasons',
    ).toEqual([
      'determinism:skipped',
      'failures:skipped',
      'golden-digests:skipped',
      'performance:skipped',
      'evidence:fail',
    ]);
  });

  it('passes only when determinism compared two runs, unless the matrix plans a single run', () => {
    const alone: DeterminismVerdict = { ...pass, verdict: 'skipped', compared: 0 };
    const unjudged = decideGate({ determinism: alone, runs: okRuns });
    expect([unjudged.verdict, unjudged.exitCode], 'one run of many').toEqual(['fail', 4]);
    expect(unjudged.reasons.at(-1)?.message, 'why').toMatch(
      /^determinism was not judged \(only the reference run t1-sequential-r1 was digested/,
    );
    const single = decideGate({ determinism: alone, runs: okRuns, singleRunMatrix: true });
    expect([single.verdict, single.exitCode], 'single-run matrix').toEqual(['pass', 0]);
    expect(single.reasons.at(-1)?.status, 'says so').toBe('pass');
  });

  it('says "not judged" when every configuration had too few samples, and does not call it a pass', () => {
    const tooFew = [
      {
        key: 't1-sequential',
        verdict: 'insufficient-data',
        message: 't1-sequential: not judged',
      } as PerformanceComparison,
    ];
    const reason = decideGate({ determinism: pass, runs: okRuns, performance: tooFew }).reasons[3]!;
    expect([reason.status, reason.message], 'performance').toEqual([
      'skipped',
      'not judged: 1 configuration(s) with too few samples or none on one side (t1-sequential)',
    ]);
  });
});

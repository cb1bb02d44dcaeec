// `threadgate run --search adaptive` end to end with real processes (the stand-in orchestrator): the
// journal, search.jsonl and every report carry the search's decisions, and `--resume` continues an
// interrupted search with the decisions it had taken.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { replaySearch } from '../../src/search/replay-search.js';
import type { SearchDecision } from '../../src/search/types.js';
import { makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';

let dir: string;
let matrix: string;

beforeAll(async () => {
  dir = await makeTempDir('tg-search-');
  // Four configurations, 3 repetitions and a warmup: 16 runs exhaustive; no budget cap, so the search decides.
  matrix = await writeFaultyMatrix(dir, 'none', { repetitions: 3, warmup: 1, lines: ['searchBudget: "100%"'] });
});

async function readLines<T>(file: string): Promise<T[]> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

async function runAdaptive(args: string[]): Promise<{ exitCode: number; runDir: string }> {
  const result = await runCli([...args, '--json', '--quiet', '--no-baseline']);
  expect(result.stderr, 'no error').not.toContain('error');
  return { exitCode: result.exitCode, runDir: (JSON.parse(result.stdout) as { runDir: string }).runDir };
}

describe('run --search adaptive', () => {
  let runDir: string;
  let records: RunRecord[];
  let decisions: SearchDecision[];

  beforeAll(async () => {
    const run = await runAdaptive(['run', matrix, '--search', 'adaptive', '--out', path.join(dir, 'first')]);
    expect(run.exitCode, 'exit code').toBe(0);
    runDir = run.runDir;
    records = await readLines<RunRecord>(path.join(runDir, 'journal.jsonl'));
    decisions = await readLines<SearchDecision>(path.join(runDir, 'search.jsonl'));
  });

  it('journals the runs the search planned, round by round, and its decisions in search.jsonl', async () => {
    const rounds = decisions.filter((d) => d.kind === 'round');
    expect(rounds[0], 'round 0: one warmup of the reference').toEqual({
      kind: 'round',
      round: 0,
      runs: ['t1-sequential-w1'],
    });
    expect([...rounds[1]!.runs].sort(), 'round 1: every configuration once').toEqual([
      't1-aggressive-r1',
      't1-sequential-r1',
      't2-aggressive-r1',
      't2-sequential-r1',
    ]);
    expect(records.map((r) => r.id).sort(), 'journal = the planned runs').toEqual(rounds.flatMap((r) => r.runs).sort());
    expect(decisions.at(-1)?.kind, 'ends with a stop').toBe('stop');
    expect(
      replaySearch(
        (JSON.parse(await readFile(path.join(runDir, 'plan.json'), 'utf8')) as { plan: { matrix: never } }).plan.matrix,
        records,
      ).decisions,
      'search.jsonl is the replay of the journal',
    ).toEqual(decisions);
  });

  it('carries the search in report.json, report.md and report.html, every configuration judged for determinism', async () => {
    const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
    expect(report.search?.finished, 'finished').toBe(true);
    expect(report.search?.runsUsed, 'runs used').toBe(records.length);
    expect(report.search?.exhaustiveRuns, 'exhaustive runs').toBe(4 * (1 + 3));
    expect(report.search?.decisions, 'decisions').toEqual(decisions);
    expect(report.search?.configurations.map((c) => c.config).sort(), 'a fate per configuration').toEqual([
      't1-aggressive',
      't1-sequential',
      't2-aggressive',
      't2-sequential',
    ]);
    expect(report.pendingRuns, 'nothing pending').toBe(0);
    const stop = decisions.at(-1) as Extract<SearchDecision, { kind: 'stop' }>;
    const recommended = report.recommendation
      ? `t${report.recommendation.thread_count}-${report.recommendation.mode}`
      : null;
    expect(recommended, 'the report recommends what the search decided').toBe(stop.recommended);
    for (const key of ['t1-aggressive', 't1-sequential', 't2-aggressive', 't2-sequential']) {
      expect(report.determinism.configurations[key], `${key} determinism, dropped or not`).toBe('pass');
    }
    expect(await readFile(path.join(runDir, 'report.md'), 'utf8'), 'markdown').toContain('## Adaptive search');
    expect(await readFile(path.join(runDir, 'report.html'), 'utf8'), 'html').toContain(
      '<section id="search"><h2>Adaptive search</h2>',
    );
  });

  it('continues an interrupted search with the decisions it had taken', async () => {
    // Interrupted in round 1: the warmup and two runs of round 1 journaled, the rest not.
    const kept = records.slice(0, 3);
    await writeFile(path.join(runDir, 'journal.jsonl'), kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await rm(path.join(runDir, 'search.jsonl'));
    await rm(path.join(runDir, 'report.json'));
    const resumed = await runAdaptive(['run', '--resume', runDir]);
    expect(resumed.exitCode, 'exit code').toBe(0);
    const after = await readLines<RunRecord>(path.join(runDir, 'journal.jsonl'));
    const again = await readLines<SearchDecision>(path.join(runDir, 'search.jsonl'));
    expect(
      after.slice(0, 3).map((r) => r.startedAt),
      'finished runs kept as they were',
    ).toEqual(kept.map((r) => r.startedAt));
    expect(new Set(after.map((r) => r.id)).size, 'no run repeated').toBe(after.length);
    expect(again.slice(0, 2), 'rounds 0 and 1 as planned before').toEqual(decisions.slice(0, 2));
    expect(again.at(-1)?.kind, 'the search finished').toBe('stop');
    const report = JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
    expect([report.pendingRuns, report.search?.runsUsed], 'report').toEqual([0, after.length]);
  });
});

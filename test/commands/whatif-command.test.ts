// `threadgate whatif RUN_DIR` end to end: one small real run of the built-in orchestrator (real
// child processes, real DuckDB), then the what-if of its reference schedule as text and as JSON,
// with another core count, a scaled model, --top, and the bad inputs that must be exit 2.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/run-record.js';
import type { WhatIfReport, WhatIfScenario } from '../../src/simulate-schedule/what-if.js';
import { type CliResult, makeTempDir, runCli, runMatrixLines } from '../helpers/run-cli.js';

type WhatIfJson = WhatIfReport & { calibration: { fittedOn: string[] } };

let workDir: string;
let runDir: string;
/** The reference run's task names (shards `_s0`, `_s1`...) and each one's summed duration in ms. */
let taskMs: Map<string, number>;

beforeAll(async () => {
  workDir = await makeTempDir('tg-whatif-');
  const run = await runMatrixLines(
    workDir,
    'tiny-whatif',
    [
      'target: { kind: builtin, employees: 2000, years: 2025-2026, seed: 42 }',
      'threads: [1, 2]',
      'modes: [aggressive]',
      'reference: { threads: 1, mode: aggressive }',
      'repetitions: 1',
      'warmup: 0',
    ],
    { out: path.join(workDir, 'out') },
  );
  expect(run.exitCode, `run exit: ${run.stderr}`).toBe(0);
  runDir = run.runDir;
  const records = (await readFile(path.join(runDir, 'journal.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RunRecord);
  const schedule = records.find((r) => r.id === 't1-aggressive-r1')!.schedule!;
  taskMs = new Map();
  for (const task of schedule.tasks) {
    const name = schedule.names[task[0]]!;
    taskMs.set(name, (taskMs.get(name) ?? 0) + task[4]);
  }
}, 120_000);

// The plain `whatif RUN_DIR` (text and JSON) is read by several tests: run once each.
let plainText: Promise<CliResult> | undefined;
let plainJson: Promise<WhatIfJson> | undefined;
const readPlainText = (): Promise<CliResult> => (plainText ??= runCli(['whatif', runDir]));
const readPlainJson = (): Promise<WhatIfJson> => (plainJson ??= whatIfJson());

async function whatIfJson(...flags: string[]): Promise<WhatIfJson> {
  const result = await runCli(['whatif', runDir, '--json', ...flags]);
  expect(result.exitCode, `whatif --json ${flags.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as WhatIfJson;
}

function scenario(whatIf: WhatIfReport, name: string): WhatIfScenario {
  const found = whatIf.scenarios.find((s) => s.name === name);
  expect(found, `scenario ${name} among ${whatIf.scenarios.map((s) => s.name).join(', ')}`).toBeDefined();
  return found!;
}

describe('threadgate whatif RUN_DIR', () => {
  it('prints the plain findings first, then each change with its W, S, bound and predictions, the sensitivity and a chart', async () => {
    const result = await readPlainText();
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0], 'what it is, marked as predictions').toBe(
      'what-if of t1-aggressive-r1 (builtin rules; predictions, not measurements):',
    );
    const findings = lines.flatMap((line, i) => (line.startsWith('  - ') ? [i] : []));
    const header = lines.findIndex((line) =>
      /^change\s+W\s+S\s+threads\s+bound\s+predicted \([\d.]+ cores\)$/.test(line),
    );
    expect(findings.length, 'findings').toBeGreaterThanOrEqual(3);
    expect(header, 'the figures table').toBeGreaterThan(0);
    expect(Math.max(...findings), 'every finding before the figures').toBeLessThan(header);
    expect(findings, 'the findings right after the title').toEqual(findings.map((_, k) => k + 1));
    for (const change of ['write off the path', 'no year barrier', 'longest 3 twice as fast']) {
      expect(
        lines.some((line) => line.startsWith(`  - ${change}: the critical path `)),
        `a finding for ${change}`,
      ).toBe(true);
      // The change's first row: its name, W, S, then 1 thread, the bound and the predicted time.
      const row = new RegExp(
        `^${change}\\s+[\\d.]+ (?:ms|s)\\s+[\\d.]+ (?:ms|s)\\s+1\\s+[\\d.]+ (?:ms|s)\\s+[\\d.]+ (?:ms|s)$`,
      );
      expect(
        lines.some((line) => row.test(line)),
        `${change}: W, S, bound and predicted in the table`,
      ).toBe(true);
    }
    const sensitivity = lines.indexOf('critical path sensitivity (each model twice as fast):');
    const chart = lines.findIndex((line) => /^predicted time \([\d.]+ cores\):$/.test(line));
    expect(sensitivity, 'the sensitivity after the table').toBeGreaterThan(header);
    expect(chart, 'the chart last').toBeGreaterThan(sensitivity);
    expect(lines[chart + 1], 'a bar per change and thread count').toMatch(/^as run\s+1 █+ [\d.]+ (?:ms|s)$/);
  }, 60_000);

  it('--json: the same findings, and figures that hold together', async () => {
    const whatIf = await readPlainJson();
    const text = (await readPlainText()).stdout;
    for (const finding of whatIf.findings)
      expect(text, 'the text prints each JSON finding').toContain(`  - ${finding}`);
    expect(whatIf.referenceRun, 'the reference run').toBe('t1-aggressive-r1');
    expect(whatIf.rules).toBe('builtin');
    expect(whatIf.otherCores, 'no other core count asked').toBeNull();
    expect(whatIf.cores, 'the cores the runs had (calibrated)').toBeGreaterThan(0);
    expect([...whatIf.calibration.fittedOn].sort(), 'calibrated on both measured configurations').toEqual([
      't1-aggressive',
      't2-aggressive',
    ]);
    expect(
      whatIf.scenarios.map((s) => s.name),
      'the built-in changes',
    ).toEqual(['as run', 'write off the path', 'no year barrier', 'longest 3 twice as fast']);
    for (const s of whatIf.scenarios) {
      expect(s.criticalPathMs, `${s.name}: S > 0`).toBeGreaterThan(0);
      expect(s.criticalPathMs, `${s.name}: S <= W`).toBeLessThanOrEqual(s.workMs);
      expect(
        s.points.map((p) => p.threads),
        `${s.name}: thread counts`,
      ).toEqual([1, 2, 4, 8, 16]);
      expect(Math.abs(s.points[0]!.boundMs - s.workMs), `${s.name}: the bound at 1 thread is W`).toBeLessThanOrEqual(1);
      for (const p of s.points) {
        expect(p.predictedMs, `${s.name} T=${p.threads}: predicted > 0`).toBeGreaterThan(0);
        expect(p.predictedOtherCoresMs, `${s.name} T=${p.threads}: no other cores`).toBeNull();
        // Each figure is rounded to the millisecond on its own: 1 ms of slack.
        expect(p.boundMs, `${s.name} T=${p.threads}: bound >= max(S, W/T)`).toBeGreaterThanOrEqual(
          Math.max(s.criticalPathMs, s.workMs / p.threads) - 1,
        );
      }
    }
    const asRun = scenario(whatIf, 'as run');
    for (const name of ['write off the path', 'no year barrier'])
      expect(scenario(whatIf, name).workMs, `${name}: the same work, other dependencies`).toBe(asRun.workMs);
    const faster = scenario(whatIf, 'longest 3 twice as fast');
    expect(faster.workMs, 'longest 3 at half: less work').toBeLessThan(asRun.workMs);
    expect(faster.criticalPathMs, 'and S no longer').toBeLessThanOrEqual(asRun.criticalPathMs);
    expect(whatIf.sensitivity.length, 'the sensitivity: up to five models').toBeGreaterThan(0);
    for (const m of whatIf.sensitivity) {
      expect([...taskMs.keys()], `${m.model} is a task of the schedule`).toContain(m.model);
      expect(m.criticalPathGainMs, `${m.model}: S gains at most half its work`).toBeLessThanOrEqual(
        Math.ceil(m.workMs / 2) + 1,
      );
    }
  }, 60_000);

  it('--predict-cores 16 adds the 16-core figures', async () => {
    const whatIf = await whatIfJson('--predict-cores', '16');
    expect(whatIf.otherCores).toBe(16);
    for (const s of whatIf.scenarios) {
      for (const p of s.points)
        expect(p.predictedOtherCoresMs, `${s.name} T=${p.threads}: a 16-core prediction`).toBeGreaterThan(0);
      // One thread on 16 quiet cores is never slower than on the cores the runs had.
      expect(s.points[0]!.predictedOtherCoresMs, `${s.name}: 1 thread, 16 cores`).toBeLessThanOrEqual(
        s.points[0]!.predictedMs,
      );
    }
    const text = await runCli(['whatif', runDir, '--predict-cores', '16']);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout, 'a column for it').toMatch(
      /^change\s+W\s+S\s+threads\s+bound\s+predicted \([\d.]+ cores\)\s+predicted \(16 cores\)$/m,
    );
  }, 60_000);

  it("--scale MODEL:2 predicts that model taking twice its work: more time, S no shorter; a shard's name scales that shard only", async () => {
    // The sharded model whose second shard took longest: scaling it must show in W.
    const shard = [...taskMs]
      .filter(([name]) => name.endsWith('_s1'))
      .sort((a, b) => b[1] - a[1])
      .at(0);
    expect(shard, `a sharded model among ${[...taskMs.keys()].join(', ')}`).toBeDefined();
    expect(shard![1], `${shard![0]} took measurable time`).toBeGreaterThan(2);
    const model = shard![0].replace(/_s1$/, '');
    const all = await whatIfJson('--scale', `${model}:2`);
    const one = await whatIfJson('--scale', `${model}_s0:2`);
    const asRun = scenario(all, 'as run');
    const scaled = scenario(all, `${model} ×2`);
    expect(scaled.workMs, 'more work').toBeGreaterThan(asRun.workMs);
    expect(scaled.criticalPathMs, 'S does not shrink').toBeGreaterThanOrEqual(asRun.criticalPathMs);
    expect(scaled.points[0]!.predictedMs, 'one thread: slower than as run').toBeGreaterThan(
      asRun.points[0]!.predictedMs,
    );
    const shardScaled = scenario(one, `${model}_s0 ×2`);
    expect(shardScaled.workMs, 'one shard: more work than as run').toBeGreaterThan(asRun.workMs);
    expect(shardScaled.workMs, 'one shard: less than all of them').toBeLessThan(scaled.workMs);
  }, 60_000);

  it('--top 1 speeds up only the longest model', async () => {
    const top3 = await readPlainJson();
    const top1 = await whatIfJson('--top', '1');
    const one = scenario(top1, 'longest 1 twice as fast');
    expect(
      top1.scenarios.some((s) => s.name === 'longest 3 twice as fast'),
      'not the default three',
    ).toBe(false);
    expect(one.workMs, 'less work than as run').toBeLessThan(scenario(top1, 'as run').workMs);
    expect(one.workMs, 'more than with three halved').toBeGreaterThan(scenario(top3, 'longest 3 twice as fast').workMs);
  }, 60_000);

  it('bad input: exit 2 and one line naming the flag or the path, never a stack trace', async () => {
    const missing = path.join(workDir, 'no-such-run');
    const cases: { args: string[]; names: string }[] = [
      { args: [missing], names: `${missing}: no such run directory` },
      { args: [workDir], names: `${workDir}: not a threadgate run directory` },
      { args: [runDir, '--scale', 'nonsense'], names: '--scale: expected MODEL[,MODEL...]:FACTOR' },
      { args: [runDir, '--scale', 'x:0'], names: '--scale: expected MODEL[,MODEL...]:FACTOR with a factor above 0' },
      { args: [runDir, '--scale', 'no_such_model:2'], names: '--scale: no model named no_such_model' },
      { args: [runDir, '--predict-cores', '0'], names: '--predict-cores: expected a whole number of cores from 1' },
      { args: [runDir, '--top', '0'], names: '--top: expected a whole number of models of at least 1' },
      {
        args: [runDir, '--predict-cores', 'abc'],
        names: '--predict-cores: expected a whole number of cores from 1 to 1024, got "abc"',
      },
      {
        args: [runDir, '--mode', 'bogus'],
        names: '--mode: expected one of sequential, selective, aggressive, got "bogus"',
      },
    ];
    for (const { args, names } of cases) {
      const result = await runCli(['whatif', ...args]);
      const label = `whatif ${args.join(' ')}`;
      expect(result.exitCode, `${label}: exit (${result.stderr})`).toBe(2);
      expect(result.stdout, `${label}: nothing on stdout`).toBe('');
      const stderr = result.stderr.trim();
      expect(stderr.split('\n'), `${label}: one line`).toHaveLength(1);
      expect(stderr, `${label}: names it`).toContain(`threadgate: error: ${names}`);
      expect(stderr, `${label}: no stack trace`).not.toMatch(/\n\s+at |Error:/);
    }
  }, 90_000);
});

// Four shards merged against the same matrix run whole, with real processes. What must be equal:
// the plan, the run ids, every run's table digests, the verdict and the gate. The recommendation
// depends on timings, which two executions never share; what must hold is that it is computed from
// the same runs: the unsharded run's own records, dealt to four shard folders and merged, give
// exactly its recommendation. And merge refuses missing, duplicate and foreign shards, naming them.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandPlan } from '../../src/matrix/plan.js';
import type { Report } from '../../src/report/types.js';
import type { PlanFile } from '../../src/runner/run-directory.js';
import type { RunRecord } from '../../src/core/run-record.js';
import { commandTargetLines, FAULTY, makeTempDir, runCli } from '../helpers/run-cli.js';

let dir: string;
let matrix: string;
let whole: string;
let shards: string[];

async function runJson(args: string[]): Promise<string> {
  const result = await runCli([...args, '--json', '--quiet', '--no-baseline']);
  expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(0);
  return (JSON.parse(result.stdout) as { runDir: string }).runDir;
}

async function merge(
  runDirs: readonly string[],
  out: string,
): Promise<{ exitCode: number; runDir: string; stderr: string }> {
  const result = await runCli(['merge', ...runDirs, '--out', out]);
  const runDir = /merged \d+ shards into (.+)$/.exec(result.stdout.trim())?.[1] ?? '';
  return { exitCode: result.exitCode, runDir, stderr: result.stderr };
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Every run's table digests by run id: what the merged and the whole run must agree on. */
function digestsById(report: Report): Record<string, Record<string, string>> {
  return Object.fromEntries(
    report.runs.map((run) => [
      run.id,
      Object.fromEntries(
        Object.entries(run.digests ?? {}).map(([table, digest]) => [table, `${digest.rowCount}:${digest.digest}`]),
      ),
    ]),
  );
}

beforeAll(async () => {
  dir = await makeTempDir('tg-shard-merge-');
  matrix = path.join(dir, 'shardable.yaml');
  await writeFile(
    matrix,
    [
      'name: shardable',
      ...commandTargetLines(FAULTY),
      'threads: [1, 2, 4]',
      'modes: [sequential, aggressive]',
      'repetitions: 2',
      'warmup: 0',
      'timeout: 60s',
    ].join('\n'),
  );
  // --stable-digests: the dealt shards below copy the whole run's md5 digests (each shard's reference run's).
  whole = await runJson(['run', matrix, '--out', path.join(dir, 'whole'), '--stable-digests']);
  shards = [];
  for (let k = 1; k <= 4; k += 1)
    shards.push(await runJson(['run', matrix, '--shard', `${k}/4`, '--out', path.join(dir, `shard-${k}`)]));
}, 600_000);

describe('merge of four shards', () => {
  it('gives the plan, runs, digests, verdict and gate of the unsharded run', async () => {
    const merged = await merge(shards, path.join(dir, 'merged'));
    expect(merged.exitCode, merged.stderr).toBe(0);
    expect(path.dirname(merged.runDir), 'created inside --out, as run does').toBe(path.join(dir, 'merged'));
    const [mergedPlan, wholePlan] = await Promise.all([
      readJson<PlanFile>(path.join(merged.runDir, 'plan.json')),
      readJson<PlanFile>(path.join(whole, 'plan.json')),
    ]);
    expect(mergedPlan.plan, 'the unsharded plan').toEqual(wholePlan.plan);

    const [mergedReport, wholeReport] = await Promise.all([
      readJson<Report>(path.join(merged.runDir, 'report.json')),
      readJson<Report>(path.join(whole, 'report.json')),
    ]);
    expect(
      mergedReport.runs.map((run) => run.id),
      'run ids, in plan order',
    ).toEqual(wholeReport.runs.map((run) => run.id));
    expect(digestsById(mergedReport), 'every run digest').toEqual(digestsById(wholeReport));
    expect(mergedReport.determinism.verdict, 'verdict').toBe(wholeReport.determinism.verdict);
    expect(mergedReport.determinism.reference, 'reference').toEqual(wholeReport.determinism.reference);
    expect(mergedReport.gate.verdict, 'gate').toBe(wholeReport.gate.verdict);
    expect(
      mergedReport.performance.configurations.map((c) => `${c.key}×${c.n}`),
      'configurations and samples',
    ).toEqual(wholeReport.performance.configurations.map((c) => `${c.key}×${c.n}`));
    expect(mergedReport.recommendation?.mode, 'a recommendation').toBeDefined();
  });

  it('recommends exactly what the unsharded run recommends from the same runs', async () => {
    // The whole run's own records, dealt to four shard folders the way --shard K/4 would have run them.
    const planFile = await readJson<PlanFile>(path.join(whole, 'plan.json'));
    const records = (await readFile(path.join(whole, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunRecord);
    const dealt: string[] = [];
    for (let k = 1; k <= 4; k += 1) {
      const shardDir = path.join(dir, 'dealt', `shard-${k}`);
      await mkdir(shardDir, { recursive: true });
      const plan = expandPlan(planFile.plan.matrix, { shard: { index: k, count: 4 } });
      await writeFile(path.join(shardDir, 'plan.json'), JSON.stringify({ ...planFile, plan }));
      const ids = new Set(plan.runs.map((run) => run.id));
      await writeFile(
        path.join(shardDir, 'journal.jsonl'),
        records
          .filter((record) => ids.has(record.id))
          .map((record) => `${JSON.stringify(record)}\n`)
          .join(''),
      );
      // The reference configuration runs in every shard, and each shard md5-digests its reference run.
      await cp(path.join(whole, 'stable-digests.json'), path.join(shardDir, 'stable-digests.json'));
      dealt.push(shardDir);
    }
    const merged = await merge(dealt, path.join(dir, 'dealt-merged'));
    expect(merged.exitCode, merged.stderr).toBe(0);
    const mergedReport = await readJson<Report>(path.join(merged.runDir, 'report.json'));
    const wholeReport = await readJson<Report>(path.join(whole, 'report.json'));
    expect(mergedReport.runs, 'the same records').toEqual(wholeReport.runs);
    const withoutTime = (report: Report) => ({ ...report.recommendation, generatedAt: null });
    expect(withoutTime(mergedReport), 'the same recommendation').toEqual(withoutTime(wholeReport));
    expect(mergedReport.performance, 'the same statistics').toEqual(wholeReport.performance);
  });
});

describe('merge refuses', () => {
  async function expectRefusal(runDirs: readonly string[], message: string): Promise<void> {
    const result = await merge(runDirs, path.join(dir, 'refused'));
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr.trim(), 'one line').toBe(`threadgate: error: ${message}`);
  }

  it('a missing shard, naming it', async () => {
    await expectRefusal(
      [shards[0]!, shards[1]!, shards[3]!],
      "merge: shard 3/4 missing (given 1/4, 2/4, 4/4); pass every shard's run directory",
    );
  });

  it('a shard given twice, naming both directories', async () => {
    const copy = path.join(dir, 'copy-of-shard-2');
    await cp(shards[1]!, copy, { recursive: true });
    await expectRefusal([...shards, copy], `merge: shard 2/4 given twice: ${shards[1]} and ${copy}`);
  });

  it('a shard of a different plan, naming it and what differs', async () => {
    const other = await runJson([
      'run',
      matrix,
      '--shard',
      '3/4',
      '--reps',
      '1',
      '--out',
      path.join(dir, 'other-plan'),
    ]);
    await expectRefusal(
      [shards[0]!, shards[1]!, other, shards[3]!],
      `merge: ${other} ran a different plan than ${shards[0]} (matrix shardable vs shardable; differs in repetitions)`,
    );
  });

  it('a run that was not sharded', async () => {
    await expectRefusal(
      [...shards, whole],
      `merge: ${whole} was not run with --shard K/N; merge joins the shards of one sharded run`,
    );
  });
});

describe('shards from different machines', () => {
  /** A copy of shard 2 whose plan.json says it ran on another machine. */
  async function shardFromAnotherMachine(): Promise<string> {
    const copy = path.join(dir, 'shard-2-elsewhere');
    await cp(shards[1]!, copy, { recursive: true });
    const planFile = await readJson<PlanFile>(path.join(copy, 'plan.json'));
    await writeFile(
      path.join(copy, 'plan.json'),
      JSON.stringify({ ...planFile, hardware: { ...planFile.hardware, id: 'otherhost123', cpuModel: 'Other CPU' } }),
    );
    return copy;
  }

  it('are refused by default, pointing at --mixed-hardware', async () => {
    const elsewhere = await shardFromAnotherMachine();
    const result = await merge([shards[0]!, elsewhere, shards[2]!, shards[3]!], path.join(dir, 'refused-mixed'));
    expect(result.exitCode, 'exit code').toBe(2);
    expect(result.stderr).toContain(`merge: ${elsewhere} ran on other hardware (otherhost123)`);
    expect(result.stderr).toContain('--mixed-hardware merges them for the determinism gate alone');
  });

  it('with --mixed-hardware are judged together, with no recommendation and no timing comparison', async () => {
    const elsewhere = await shardFromAnotherMachine();
    const result = await runCli([
      'merge',
      shards[0]!,
      elsewhere,
      shards[2]!,
      shards[3]!,
      '--out',
      path.join(dir, 'mixed'),
      '--mixed-hardware',
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    const runDir = /merged \d+ shards into (.+)$/.exec(result.stdout.trim())?.[1] ?? '';
    const planFile = await readJson<PlanFile>(path.join(runDir, 'plan.json'));
    expect(planFile.mixedHardware?.map((m) => m.id).sort(), 'the machines').toEqual(
      [planFile.hardware.id, 'otherhost123'].sort(),
    );
    const report = await readJson<Report>(path.join(runDir, 'report.json'));
    expect(report.determinism.verdict, 'outputs judged together').toBe('pass');
    expect(report.runs.length, 'every run of the plan').toBe(expandPlan(planFile.plan.matrix).runs.length);
    expect(report.recommendation, 'no recommendation from pooled timings').toBeNull();
    expect(report.recommendationError).toContain('the shards ran on 2 machines');
  });
});

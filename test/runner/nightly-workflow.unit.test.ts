// .github/workflows/nightly.yml is code too: it must parse, and its shard jobs, uploads, downloads
// and merge must fit together (a shard count that disagrees with --shard K/N, or a download pattern
// that matches no upload, would only show in CI at night).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMatrix } from '../../src/matrix/load-matrix.js';
import { expandPlan } from '../../src/matrix/plan.js';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly strategy?: { readonly 'fail-fast'?: boolean; readonly matrix?: { readonly shard?: unknown[] } };
  readonly steps: Step[];
}

const WORKFLOW = fileURLToPath(new URL('../../.github/workflows/nightly.yml', import.meta.url));
let jobs: Record<string, Job>;

function findStep(job: Job, test: (step: Step) => boolean, what: string): Step {
  const step = job.steps.find(test);
  if (!step) throw new Error(`nightly.yml: no step that ${what}`);
  return step;
}

/** The fixed part of an artifact name before its first expression: `threadgate-nightly-shard-`. */
function prefixOf(name: string): string {
  return name.split('${{')[0]!;
}

beforeAll(async () => {
  jobs = (parse(await readFile(WORKFLOW, 'utf8')) as { jobs: Record<string, Job> }).jobs;
});

describe('nightly workflow', () => {
  it('runs one job per shard, each with --shard K/N for the same N', () => {
    const shards = jobs.shard?.strategy?.matrix?.shard;
    expect(shards, 'shard list').toEqual([1, 2, 3, 4]);
    const run = findStep(jobs.shard!, (step) => step.run?.includes('threadgate run') ?? false, 'runs threadgate run');
    expect(run.run, 'shard flag').toContain(`--shard \${{ matrix.shard }}/${shards!.length}`);
    expect(jobs.shard!.strategy!['fail-fast'], 'every shard runs to the end').toBe(false);
  });

  it('uploads each shard under its own name, and the merge downloads exactly those', () => {
    const upload = findStep(
      jobs.shard!,
      (step) => step.uses === 'actions/upload-artifact@v4',
      'uploads the run folder',
    );
    expect(upload.if, 'uploads even after a failed gate').toBe('always()');
    const name = String(upload.with?.name);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(name, 'distinct per shard').toContain('${{ matrix.shard }}');
    const run = findStep(jobs.shard!, (step) => step.run?.includes('threadgate run') ?? false, 'runs threadgate run');
    expect(run.run, 'uploads the --out folder').toContain(`--out ${String(upload.with?.path)}`);

    const download = findStep(
      jobs.merge!,
      (step) => step.uses === 'actions/download-artifact@v4',
      'downloads the shards',
    );
    expect(String(download.with?.pattern), 'pattern of the shard uploads').toBe(`${prefixOf(name)}*`);
    expect(
      download.with?.['merge-multiple'],
      'one folder per shard (run folders keep their own names)',
    ).toBeUndefined();
  });

  it('merges after every shard, even failed ones, and gates and publishes the merged run', () => {
    const merge = jobs.merge!;
    expect([merge.needs].flat(), 'needs the shards').toEqual(['shard']);
    expect(merge.if, 'runs when a shard failed').toBe('always()');
    const download = findStep(merge, (step) => step.uses === 'actions/download-artifact@v4', 'downloads the shards');
    const mergeStep = findStep(
      merge,
      (step) => step.run?.includes('threadgate merge') ?? false,
      'runs threadgate merge',
    );
    expect(mergeStep.run, 'merges the downloaded run folders').toContain(
      `merge ${String(download.with?.path)}/*/*/ --out merged`,
    );
    expect(mergeStep.if, 'its exit code is the job verdict').toBeUndefined();
    const junit = findStep(
      merge,
      (step) => step.uses?.startsWith('mikepenz/action-junit-report') ?? false,
      'publishes JUnit',
    );
    expect(junit.with?.report_paths, 'the merged run folder inside --out').toBe('merged/*/junit.xml');
  });

  it('keeps the history: restores it, appends the merged run at this commit, checks, saves and uploads it', () => {
    const merge = jobs.merge!;
    const index = (test: (step: Step) => boolean, what: string) => merge.steps.indexOf(findStep(merge, test, what));
    const restore = findStep(merge, (step) => step.uses === 'actions/cache/restore@v4', 'restores the history');
    const save = findStep(merge, (step) => step.uses === 'actions/cache/save@v4', 'saves the history');
    expect(restore.with?.path, 'restores history.duckdb').toBe('history.duckdb');
    expect(save.with?.path, 'saves the same file').toBe('history.duckdb');
    expect(
      String(save.with?.key).startsWith(String(restore.with?.['restore-keys'])),
      "tonight's key starts with the prefix tomorrow restores",
    ).toBe(true);
    expect(save.if, 'saved even when the gate fails').toBe('always()');
    const mergeStep = findStep(
      merge,
      (step) => step.run?.includes('threadgate merge') ?? false,
      'runs threadgate merge',
    );
    expect(mergeStep.run, 'appends to the restored file at this commit').toContain(
      `--history history.duckdb --commit \${{ github.sha }}`,
    );
    const report = findStep(
      merge,
      (step) => step.run?.includes('threadgate history report') ?? false,
      'draws the history',
    );
    expect(report.run, 'checks it too').toContain('threadgate history check --db history.duckdb');
    const upload = findStep(
      merge,
      (step) => step.uses === 'actions/upload-artifact@v4' && String(step.with?.name) === 'threadgate-history',
      'uploads the history',
    );
    expect(String(upload.with?.path), 'the file and the page').toContain('history.duckdb');
    const order = [
      index((step) => step === restore, 'restores'),
      index((step) => step === mergeStep, 'merges'),
      index((step) => step === report, 'reports'),
      index((step) => step === save, 'saves'),
    ];
    expect(order, 'restore, merge, report, save in that order').toEqual([...order].sort((a, b) => a - b));
  });

  it('shards a matrix that every shard has work in', async () => {
    const run = findStep(jobs.shard!, (step) => step.run?.includes('threadgate run') ?? false, 'runs threadgate run');
    const matrixFile = /threadgate run (\S+)/.exec(run.run!)![1]!;
    const matrix = await loadMatrix(fileURLToPath(new URL(`../../${matrixFile}`, import.meta.url)), {});
    const count = jobs.shard!.strategy!.matrix!.shard!.length;
    for (let index = 1; index <= count; index += 1) {
      const plan = expandPlan(matrix, { shard: { index, count } });
      const configurations = new Set(plan.runs.map((r) => `${r.threads}-${r.mode}`));
      expect(configurations.size, `shard ${index}/${count} has more than the reference`).toBeGreaterThan(1);
    }
  });
});

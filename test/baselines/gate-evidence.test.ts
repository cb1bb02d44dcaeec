// The gate never passes without evidence, through the real CLI: a run cancelled (SIGINT) or killed
// (SIGKILL) before it finished is `incomplete` in every output and `gate` exits 4 naming the missing
// runs and the --resume command; a run where nothing was judged fails with exit 4; a single-run
// matrix passes and says why determinism was not judged; too few samples is "not judged", not PASS.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { CLI, makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';
import { readRunPids, waitFor, writeSlowMatrix } from '../helpers/slow-matrix.js';

/** Starts `run` on the slow matrix, sends `signal` once `startedRuns` orchestrators have started; the run folder and exit. */
async function stopRunWith(
  signal: 'SIGINT' | 'SIGKILL',
  startedRuns: number,
): Promise<{ runDir: string; exitCode: number | undefined; stdout: string }> {
  const dir = await makeTempDir('tg-evidence-');
  const pidsFile = path.join(dir, 'pids');
  const matrix = await writeSlowMatrix(dir, pidsFile, 1500);
  const out = path.join(dir, 'out');
  const harness = execa(process.execPath, [CLI, 'run', matrix, '--out', out, '--no-baseline', '--quiet', '--json'], {
    reject: false,
    stdin: 'ignore',
  });
  expect(
    await waitFor(async () => (await readRunPids(pidsFile)).length >= startedRuns, 90_000),
    `run ${startedRuns} started`,
  ).toBe(true);
  harness.kill(signal);
  const result = await harness;
  const [name] = await readdir(out);
  return { runDir: path.join(out, name!), exitCode: result.exitCode, stdout: result.stdout };
}

async function readReport(runDir: string): Promise<Report> {
  return JSON.parse(await readFile(path.join(runDir, 'report.json'), 'utf8')) as Report;
}

describe('no pass without evidence', () => {
  it('Ctrl-C before the first run finished: incomplete in every output, gate exits 4 naming the missing runs and --resume', async () => {
    const { runDir, exitCode, stdout } = await stopRunWith('SIGINT', 1);
    expect(exitCode, 'interrupted run').toBe(130);
    expect((JSON.parse(stdout) as { gate: { verdict: string } }).gate.verdict, 'run --json verdict').toBe('incomplete');

    const report = await readReport(runDir);
    expect(report.gate.verdict, 'report.json gate').toBe('incomplete');
    expect(report.gate.exitCode, 'report.json exit').toBe(4);
    expect(report.determinism.verdict, 'report.json determinism with no successful run').toBe('skipped');
    const md = await readFile(path.join(runDir, 'report.md'), 'utf8');
    expect(md.split('\n')[0], 'report.md title').toBe(
      '# ⚠️ threadgate INCOMPLETE — runs missing, nothing judged (exit 4) — 4 of 4 run(s) missing',
    );
    const html = await readFile(path.join(runDir, 'report.html'), 'utf8');
    expect(html, 'report.html banner').toContain(
      '<header class="verdict incomplete" id="verdict">\n<div class="verdict-word">INCOMPLETE</div>',
    );
    const junit = await readFile(path.join(runDir, 'junit.xml'), 'utf8');
    expect(junit, 'junit.xml failure').toMatch(
      /<testcase name="completeness" classname="threadgate\.slow\.gate" time="0\.000">\n\s+<failure message="incomplete: 4 of 4 planned run\(s\) missing/,
    );

    const gate = await runCli(['gate', runDir, '--no-baseline']);
    expect(gate.exitCode, 'gate exit').toBe(4);
    expect(gate.stdout.split('\n')[0], 'headline').toBe('gate: INCOMPLETE (exit 4) (no baseline)');
    expect(gate.stdout, 'failures skipped, not passed').toContain(
      '  SKIP  failures: no run finished: nothing to judge',
    );
    expect(gate.stdout, 'names the missing runs and the resume command').toContain(
      `  FAIL  completeness: incomplete: 4 of 4 planned run(s) missing (interrupted, killed or out of time); finish them with \`threadgate run --resume ${runDir}\``,
    );
    expect(gate.stdout, 'nothing judged').toContain(
      '  FAIL  evidence: nothing was judged: every check was skipped, so the gate cannot pass',
    );
    expect(gate.stdout, 'no check passed').not.toMatch(/ PASS /);
  });

  it('kill -9 after a run finished: gate on the folder exits 4 and says how many runs are missing', async () => {
    const { runDir, exitCode } = await stopRunWith('SIGKILL', 2);
    expect(exitCode, 'killed').toBeUndefined();
    const gate = await runCli(['gate', runDir, '--no-baseline', '--json']);
    expect(gate.exitCode, 'gate exit').toBe(4);
    const result = JSON.parse(gate.stdout) as {
      verdict: string;
      reasons: { check: string; status: string; message: string }[];
    };
    expect(result.verdict, 'verdict').toBe('incomplete');
    const completeness = result.reasons.find((reason) => reason.check === 'completeness');
    expect(completeness?.message, 'missing runs').toMatch(
      /^incomplete: 3 of 4 planned run\(s\) missing .*threadgate run --resume /,
    );
    expect(
      result.reasons.find((reason) => reason.check === 'determinism')?.status,
      'one run: determinism not judged',
    ).toBe('skipped');
  });

  it('a complete single-run matrix passes and says determinism could not be judged', async () => {
    const dir = await makeTempDir('tg-evidence-');
    const matrix = await writeFaultyMatrix(dir, 'none');
    const run = await runCli([
      'run',
      matrix,
      '--threads',
      '1',
      '--modes',
      'sequential',
      '--reps',
      '1',
      '--out',
      dir,
      '--no-baseline',
      '--json',
      '--quiet',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const runDir = (JSON.parse(run.stdout) as { runDir: string }).runDir;
    const gate = await runCli(['gate', runDir, '--no-baseline']);
    expect(gate.exitCode, gate.stdout).toBe(0);
    expect(gate.stdout, 'determinism skipped').toMatch(
      /SKIP {2}determinism: only the reference run t1-sequential-r1 was digested: nothing to compare it with/,
    );
    expect(gate.stdout, 'says so').toContain(
      'PASS  evidence: the matrix plans a single run (one configuration, one repetition, no warmup)',
    );
    expect((await readReport(runDir)).determinism.verdict, 'report.json').toBe('skipped');
  });

  it('too few samples against a baseline: performance is "not judged", not PASS', async () => {
    const dir = await makeTempDir('tg-evidence-');
    const matrix = await writeFaultyMatrix(dir, 'none');
    const run = await runCli([
      'run',
      matrix,
      '--modes',
      'sequential',
      '--reps',
      '1',
      '--out',
      dir,
      '--no-baseline',
      '--json',
      '--quiet',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const runDir = (JSON.parse(run.stdout) as { runDir: string }).runDir;
    const baseline = path.join(dir, 'baseline.json');
    expect((await runCli(['baseline', 'save', runDir, '--to', baseline])).exitCode, 'saved').toBe(0);
    const gate = await runCli(['gate', runDir, '--baseline', baseline]);
    expect(gate.exitCode, gate.stdout).toBe(0);
    expect(gate.stdout, 'determinism judged on two runs').toContain(
      'PASS  determinism: 1 run(s) identical to reference t1-sequential-r1',
    );
    expect(gate.stdout, 'not judged').toContain(
      'SKIP  performance: not judged: 2 configuration(s) with too few samples',
    );
  });
});

// `baseline save` without --to never writes into an installed package: for a matrix inside
// node_modules (the default matrix of `npm install threadgate`) it saves in the working directory's
// baselines/ and says so, `gate` then finds it there, and a second save says what it replaced.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli, writeFaultyMatrix } from '../helpers/run-cli.js';

describe('baseline save for a matrix of an installed package', () => {
  it('saves in ./baselines/, says so, says "replaced" the second time, and gate finds it', async () => {
    const root = await makeTempDir('tg-save-location-');
    const installed = path.join(root, 'node_modules', 'threadgate');
    await mkdir(path.join(installed, 'matrices'), { recursive: true });
    const matrix = await writeFaultyMatrix(path.join(installed, 'matrices'), 'none');
    const work = path.join(root, 'work');
    await mkdir(work);
    const run = await runCli(
      ['run', matrix, '--modes', 'sequential', '--out', 'out', '--no-baseline', '--json', '--quiet'],
      { cwd: work },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const runDir = (JSON.parse(run.stdout) as { runDir: string }).runDir;

    const first = await runCli(['baseline', 'save', runDir], { cwd: work });
    expect(first.exitCode, first.stderr).toBe(0);
    const saved = path.join(work, 'baselines', 'faulty-none.json');
    expect(first.stderr.trim(), 'says where and why').toBe(
      `threadgate: the matrix ${matrix} belongs to an installed package, which is never written into: saving in the working directory's baselines/ instead (--to FILE to choose)`,
    );
    expect(first.stdout, 'saved in the working directory').toMatch(
      new RegExp(`^baseline saved to ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: golden`),
    );
    expect(existsSync(saved), 'file written').toBe(true);
    expect(existsSync(path.join(installed, 'baselines')), 'nothing written into the package').toBe(false);

    const second = await runCli(['baseline', 'save', runDir], { cwd: work });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout, 'says it replaced one').toMatch(
      /^baseline saved to \S+ \(replaced the golden digests saved \S+ and this machine's figures\): /,
    );

    const gate = await runCli(['gate', runDir], { cwd: work });
    expect(gate.exitCode, gate.stdout).toBe(0);
    expect(gate.stdout.split('\n')[0], 'gated against the saved baseline').toBe(`gate: PASS (exit 0) against ${saved}`);
  });
});

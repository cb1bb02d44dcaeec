import { describe, expect, it } from 'vitest';
import { createCommandTarget } from '../../src/targets/command-target.js';
import type { RunContext } from '../../src/targets/types.js';

const context: RunContext = {
  run: { id: 't4-aggressive-r2', threads: 4, mode: 'aggressive', rep: 2, warmup: false },
  runDir: '/tmp/run dir',
  database: '/tmp/run dir/simulation.duckdb',
  workdir: '/tmp/run dir/work',
  seed: 7,
};

describe('command target', () => {
  it('fills each placeholder inside exactly one argument, spaces and all', () => {
    const target = createCommandTarget({
      kind: 'command',
      command: [
        'node',
        'sim.mjs',
        '--threads',
        '{threads}',
        '--mode',
        '{mode}',
        '--db={database}',
        '{seed}',
        'rep-{rep}',
        '{workdir}',
        '{unknown}',
      ],
      cwd: '/tmp',
      env: { A: 'b' },
      seed: 7,
    });
    const launch = target.launch(context);
    expect(launch.file, 'file').toBe('node');
    expect(launch.args, 'arguments').toEqual([
      'sim.mjs',
      '--threads',
      '4',
      '--mode',
      'aggressive',
      '--db=/tmp/run dir/simulation.duckdb',
      '7',
      'rep-2',
      '/tmp/run dir/work',
      '{unknown}',
    ]);
    expect(launch.cwd, 'cwd').toBe('/tmp');
    expect(launch.env, 'env').toEqual({ A: 'b' });
  });

  it('never lets a value carrying shell syntax become more than one argument', () => {
    const target = createCommandTarget({
      kind: 'command',
      command: ['echo', '{database}'],
      cwd: '/tmp',
      env: {},
      seed: 1,
    });
    const launch = target.launch({ ...context, database: '/tmp/x; rm -rf / $(id)' });
    expect(launch.args, 'arguments').toEqual(['/tmp/x; rm -rf / $(id)']);
  });
});

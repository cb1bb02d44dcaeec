// fast-check generators of hostile matrix files and `run` flags: wrong types, unknown and near-miss
// keys, out-of-range and non-finite numbers, bad durations and years, empty and huge lists, deep
// nesting, broken YAML, alias bombs, duplicate keys, bytes that are not UTF-8. Shared by the
// in-process loader fuzz, the in-process CLI fuzz and the real-process CLI fuzz.
import fc from 'fast-check';
import YAML from 'yaml';
import { MATRIX_LIMITS } from '../../src/matrix/limits.js';

/** The seed of every fuzz test: a failure prints it with its path, and FUZZ_SEED=… replays it. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20261130);

/** A matrix file to write: its name decides the parser (`.json` or `.yaml`). */
export interface FuzzFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const KNOWN_TOP = [
  'name',
  'target',
  'threads',
  'modes',
  'repetitions',
  'warmup',
  'order',
  'orderSeed',
  'timeout',
  'reference',
  'tables',
  'recommendation',
  'keep',
  'sampleInterval',
  'regressionThreshold',
  '$schema',
];
const NEAR_MISSES = [
  'thread',
  'Threads',
  'mode',
  'reps',
  'repetition',
  'warmups',
  'timout',
  'tabels',
  'kepp',
  'sample_interval',
  'refrence',
  '__proto__',
  'constructor',
  'toString',
  '',
];

/** Numbers a typo or a hostile file produces. */
const hostileNumber = fc.constantFrom(
  0,
  -1,
  1,
  2,
  16,
  17,
  2.5,
  -0,
  1e9,
  1e15,
  1e300,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  -Infinity,
  1000,
  1001,
  10_000_001,
  604_800_001,
  5,
  9,
);
/** Strings: units right and wrong, year ranges, nothing, whitespace, control characters, very long ones. */
const hostileString = fc.oneof(
  fc.constantFrom(
    'four',
    '',
    ' ',
    '10m',
    '0s',
    '0ms',
    '1ms',
    '9ms',
    '90s',
    '1.5h',
    '99999999999h',
    '7d',
    '-5s',
    '10 m',
    '2025-2029',
    '2029-2025',
    '0000-9999',
    '2025-2200',
    '80%',
    '16GB',
    'lots',
    'builtin',
    'sequential',
    'turbo',
    '{threads}',
    'run {threads}',
    '\u0000',
    '\u202e',
    'ü',
    '🧵',
    '__proto__',
    '../../etc/passwd',
  ),
  fc.string({ maxLength: 20 }),
);

/** Any value, hostile leaves, shallow containers. */
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  hostileString,
  fc.constantFrom(null, true, false, [], {}),
  fc.double(),
  fc.integer(),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileLeaf },
  { weight: 1, arbitrary: fc.array(hostileLeaf, { maxLength: 5 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom(...KNOWN_TOP, ...NEAR_MISSES, 'kind', 'start', 'end', 'exempt'),
      hostileLeaf,
      { maxKeys: 4 },
    ),
  },
);

/** Short lists, empty ones included (long ones come from `blowUp`, one per matrix at most). */
function listOf<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(item, { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constant([]) },
  );
}

/** A value, or a hostile one in its place. */
function valueOr<T>(good: fc.Arbitrary<T>, badWeight = 1): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: good }, { weight: badWeight, arbitrary: hostileValue });
}

/** Wraps a value in `depth` levels of lists or maps. */
function nested(value: unknown, depth: number, asList: boolean): unknown {
  let current = value;
  for (let level = 0; level < depth; level += 1) current = asList ? [current] : { deeper: current };
  return current;
}

/**
 * One oversized value put in place of a key's value, past a limit or just within it: a long list
 * (threads past 16, anything past 1,000 items), a long string, a wide map, a deep nesting.
 */
const blowUp: fc.Arbitrary<(value: unknown) => unknown> = fc.oneof(
  fc.tuple(fc.oneof(fc.integer({ min: 17, max: 40 }), fc.integer({ min: 990, max: 1100 })), hostileLeaf).map(
    ([length, item]) =>
      () =>
        Array.from({ length }, () => item),
  ),
  fc.integer({ min: 17, max: 1100 }).map((length) => () => Array.from({ length }, (_, index) => (index % 16) + 1)),
  fc.integer({ min: 9_990, max: 10_100 }).map((length) => () => 'x'.repeat(length)),
  fc
    .integer({ min: 990, max: 1100 })
    .map(
      (keys) => () => Object.fromEntries(Array.from({ length: keys }, (_, index) => [`k${index}`, { exempt: ['a'] }])),
    ),
  fc.tuple(fc.integer({ min: 20, max: 120 }), fc.boolean()).map(
    ([depth, asList]) =>
      (value: unknown) =>
        nested(value ?? 1, depth, asList),
  ),
);

const threadCount = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 16 }) },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: hostileString },
);
const mode = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('sequential', 'selective', 'aggressive') },
  { weight: 1, arbitrary: hostileString },
);
const duration = fc.oneof(
  fc.constantFrom('90s', '10m', '1h', '1500ms', '2m', '100ms', '50ms', '1s'),
  fc.integer({ min: 1, max: 700_000_000 }),
  hostileString,
  hostileNumber,
);
const years = fc.oneof(
  fc.constantFrom('2025-2027', '2025-2029', '2030-2031'),
  fc.record({ start: fc.integer({ min: -10, max: 12_000 }), end: fc.integer({ min: -10, max: 12_000 }) }),
  hostileValue,
);

const target = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        kind: fc.constant('builtin'),
        employees: valueOr(fc.integer({ min: 1, max: 20_000_000 })),
        years: valueOr(years),
        seed: valueOr(fc.nat()),
        scenarioId: valueOr(fc.string({ maxLength: 8 })),
      },
      { requiredKeys: ['kind'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('command'),
        command: valueOr(
          listOf(
            fc.constantFrom(
              'node',
              'sim.mjs',
              '{threads}',
              '{mode}',
              '{database}',
              '{thread}',
              'run {threads}',
              '--seed={seed}',
            ),
          ),
        ),
        cwd: valueOr(fc.constantFrom('.', 'bin')),
        env: valueOr(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 })),
      },
      { requiredKeys: ['kind'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        kind: fc.constant('planalign'),
        checkout: valueOr(fc.constantFrom('planalign', '')),
        python: valueOr(fc.constant('python3')),
        years: valueOr(years),
      },
      { requiredKeys: ['kind'] },
    ),
  },
  { weight: 1, arbitrary: hostileValue },
);

const tableSpec = fc.record(
  {
    exempt: valueOr(listOf(fc.constantFrom('created_at', 'a', ''))),
    groupBy: valueOr(listOf(fc.constantFrom('simulation_year', 'b'))),
    round: valueOr(
      fc.dictionary(fc.constantFrom('x', 'y'), fc.oneof(fc.integer({ min: 0, max: 17 }), hostileNumber), {
        maxKeys: 2,
      }),
    ),
  },
  { requiredKeys: [] },
);

/**
 * A valid matrix, with values up to and past the plan's limit (16 threads × 3 modes × 2,000 runs):
 * either it loads, or only the plan-size, samples-per-run or year-span check refuses it.
 */
const validMatrix: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    target: fc.oneof(
      fc.record(
        {
          kind: fc.constant('builtin'),
          employees: fc.integer({ min: 1, max: MATRIX_LIMITS.employees }),
          years: fc.constantFrom('2025-2027', '2025-2124', '2025-2125', '1999-2000'),
          seed: fc.nat(),
        },
        { requiredKeys: ['kind'] },
      ),
      fc.record(
        {
          kind: fc.constant('command'),
          command: fc.constantFrom(['node', 'sim.mjs', '{threads}', '--db={database}'], ['sim']),
          env: fc.dictionary(fc.stringMatching(/^[A-Z_]{1,8}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        },
        { requiredKeys: ['kind', 'command'] },
      ),
    ),
    threads: fc.uniqueArray(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 16 }),
    modes: fc.shuffledSubarray(['sequential', 'selective', 'aggressive'], { minLength: 1 }),
    repetitions: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: MATRIX_LIMITS.repetitions })),
    warmup: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: MATRIX_LIMITS.warmup })),
    order: fc.constantFrom('interleaved', 'grouped'),
    orderSeed: fc.integer(),
    timeout: fc.constantFrom('90s', '10m', '1h', '24h', '7d', 1500, '168h', '169h'),
    tables: fc.dictionary(
      fc.stringMatching(/^[a-z_]{1,12}$/),
      fc.record(
        {
          exempt: fc.array(fc.constantFrom('created_at', 'a'), { maxLength: 2 }),
          round: fc.dictionary(fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 17 }), { maxKeys: 2 }),
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    ),
    recommendation: fc.record(
      {
        tolerance: fc.double({ min: 0, max: 1, noNaN: true }),
        memoryBudget: fc.constantFrom('80%', '16GB', '512MiB', null, 1e9),
      },
      { requiredKeys: [] },
    ),
    keep: fc.constantFrom('failures', 'all', 'none'),
    sampleInterval: fc.constantFrom('10ms', '50ms', '100ms', '1s', '60s', '61s', 9),
    regressionThreshold: fc.double({ min: 0, max: 10, noNaN: true }),
  },
  { requiredKeys: ['target'] },
);

/** A valid matrix with one key's value replaced by a hostile one: one fault at a time. */
const oneFault: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(validMatrix, fc.constantFrom(...KNOWN_TOP), hostileValue)
  .map(([matrix, key, value]) => ({ ...matrix, [key]: value }));

/** A matrix as data: mostly well-formed keys with valid or hostile values, plus unknown keys. */
const anyMatrix: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        name: valueOr(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/)),
        target,
        threads: valueOr(listOf(threadCount)),
        modes: valueOr(listOf(mode)),
        repetitions: valueOr(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2_000_000_000 }))),
        warmup: valueOr(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2_000_000_000 }))),
        order: valueOr(fc.constantFrom('interleaved', 'grouped')),
        orderSeed: valueOr(fc.integer()),
        timeout: duration,
        reference: valueOr(fc.record({ threads: threadCount, mode })),
        tables: valueOr(fc.dictionary(fc.constantFrom('fct_yearly_events', 't', ''), tableSpec, { maxKeys: 3 })),
        recommendation: valueOr(
          fc.record(
            {
              tolerance: valueOr(fc.double({ min: 0, max: 1, noNaN: true })),
              memoryBudget: valueOr(fc.constantFrom('80%', '16GB', '512MiB', null, 1e9)),
            },
            { requiredKeys: [] },
          ),
        ),
        keep: valueOr(fc.constantFrom('failures', 'all', 'none')),
        sampleInterval: duration,
        regressionThreshold: valueOr(fc.double({ min: 0, max: 10, noNaN: true })),
      },
      { requiredKeys: ['target'] },
    ),
    fc.dictionary(fc.constantFrom(...NEAR_MISSES), hostileValue, { maxKeys: 2 }),
    fc.oneof(
      { weight: 12, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KNOWN_TOP, 'target.command', 'target.env'), blowUp) },
    ),
  )
  .map(([base, extra, big]) => {
    const matrix: Record<string, unknown> = { ...base, ...extra };
    if (big) {
      const [key, inner] = big[0].split('.', 2) as [string, string | undefined];
      if (inner === undefined) matrix[key] = big[1](matrix[key]);
      else
        matrix[key] = {
          ...(typeof matrix[key] === 'object' ? (matrix[key] as object) : { kind: 'command' }),
          [inner]: big[1](undefined),
        };
    }
    return matrix;
  });

/** Valid, one fault, or faults anywhere (oversized values included). */
export const matrixObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 2, arbitrary: validMatrix },
  { weight: 3, arbitrary: oneFault },
  { weight: 4, arbitrary: anyMatrix },
);

/** Text that is (mostly) YAML but broken: cut, spliced, mis-indented, with tabs and stray brackets. */
const brokenYaml = fc
  .tuple(
    matrixObject,
    fc.nat(),
    fc.constantFrom(
      '',
      '\t',
      ':',
      '[',
      '{',
      ']',
      '- ',
      '&a',
      '*b',
      '!!binary',
      '? ',
      '%YAML 9.9\n',
      '"',
      "'",
      '|',
      '---\n',
      '\n  ',
      '#',
    ),
  )
  .map(([matrix, at, insert]) => {
    const text = YAML.stringify(matrix);
    const position = at % (text.length + 1);
    return text.slice(0, position) + insert + text.slice(position);
  });

/** A billion-laughs bomb: each level aliases the one before it ten times. */
export function aliasBombYaml(levels: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < levels; level += 1) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => previous).join(', ')}]`);
  }
  return `target: { kind: builtin }\n${lines.join('\n')}\n`;
}

/** Hand-picked files the generator would only find by luck. */
const specialTexts = fc.constantFrom(
  '',
  '\n\n# only a comment\n',
  'null',
  '[]',
  '42',
  'target: {kind: builtin}\ntarget: {kind: builtin}\n',
  'target: {kind: builtin}\nwarmup: 1000000000\n',
  'target: {kind: builtin}\nrepetitions: 1000\nwarmup: 1000\n',
  'target: {kind: builtin}\nthreads: [.inf]\nwarmup: .nan\n',
  'target: {kind: builtin}\ntimeout: 1000h\n',
  'target: {kind: builtin}\nsampleInterval: 1ms\n',
  'target: {kind: builtin}\ntimeout: 24h\nsampleInterval: 10ms\n',
  'target: &t {kind: builtin}\nreference: *t\n',
  'a: &a [*a]\ntarget: {kind: builtin}\n',
  'target: {kind: builtin}\n? [a, b]\n: 1\n',
  'target: {kind: builtin}\nname: !!binary aGVsbG8=\n',
  'target: {kind: builtin}\nname: !custom x\n',
  '\uFEFFtarget: {kind: builtin}\n',
  aliasBombYaml(6),
  aliasBombYaml(9),
  `target: {kind: builtin}\nthreads: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  `target: {kind: builtin}\ntables: ${'{a: '.repeat(400)}1${'}'.repeat(400)}\n`,
);

const specialJson = fc.constantFrom(
  '',
  '{"target": {"kind": "builtin"}, "target": {"kind": "command"}}',
  '{"target": {"kind": "builtin"}, "warmup": 1e400}',
  '{"target": {"kind": "builtin"}, "threads": [1, 2,]}',
  `{"target": {"kind": "builtin"}, "threads": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  '\uFEFF{"target": {"kind": "builtin"}}',
  '{"__proto__": {"target": 1}, "target": {"kind": "builtin"}}',
);

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

/** A whole matrix file: generated data as YAML or JSON, broken YAML, specials, raw bytes. */
export const matrixFile: fc.Arbitrary<FuzzFile> = fc.oneof(
  { weight: 10, arbitrary: matrixObject.map((matrix) => ({ name: 'm.yaml', bytes: utf8(YAML.stringify(matrix)) })) },
  { weight: 4, arbitrary: matrixObject.map((matrix) => ({ name: 'm.json', bytes: utf8(JSON.stringify(matrix)) })) },
  { weight: 3, arbitrary: brokenYaml.map((text) => ({ name: 'm.yaml', bytes: utf8(text) })) },
  { weight: 2, arbitrary: specialTexts.map((text) => ({ name: 'm.yaml', bytes: utf8(text) })) },
  { weight: 1, arbitrary: specialJson.map((text) => ({ name: 'm.json', bytes: utf8(text) })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('m.yaml', 'm.json'))
      .map(([bytes, name]) => ({ name, bytes })),
  },
  {
    weight: 1,
    arbitrary: matrixObject.map((matrix) => ({
      name: 'm.yaml',
      bytes: Uint8Array.from([...utf8(YAML.stringify(matrix)), 0xff, 0xfe, 0x0a]),
    })),
  },
);

/** One `run` flag with a valid or a hostile value (never --help/--version, which end the process). */
const flagValue = fc.oneof(
  hostileString,
  hostileNumber.map(String),
  fc.constantFrom(
    '1,2,4',
    '1',
    '16',
    ',,',
    '1,,2',
    '0',
    '-1',
    '1e9',
    '2.5',
    '0x10',
    'Infinity',
    '1/2',
    '0/0',
    '5/4',
    '1/0',
    '2/99999999999',
    'selective,sequential',
    'turbo',
    '3',
    '90s',
  ),
);
const runFlag: fc.Arbitrary<string[]> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom('--threads', '--modes', '--reps', '--warmup', '--timeout', '--shard'), flagValue)
      .map(([flag, value]) => [flag, value]),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('--threads', '--modes', '--reps', '--warmup', '--timeout', '--shard'), flagValue)
      .map(([flag, value]) => [`${flag}=${value}`]),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ['--reps'],
      ['--threads'],
      ['--shard'],
      ['--no-reps'],
      ['--thread', '2'],
      ['--json'],
      ['--quiet'],
      ['--resume', 'nowhere'],
      ['--out', 'a', '--out', 'b'],
      ['extra.yaml'],
      ['--timeout'],
    ),
  },
);

/** A set of `run` flags (values may repeat a flag). */
export const runFlags: fc.Arbitrary<string[]> = fc.array(runFlag, { maxLength: 4 }).map((flags) => flags.flat());

// The layer rules `npm run lint` checks (docs/development.md explains the order). Imports run one
// way: cli -> commands -> concerns -> core. Among the concerns, each folder may import only the
// folders listed before it in CONCERNS; an arrow upward fails with the rule's name, which says who
// may not import whom.

/** The concerns, lowest first: the data flow from the matrix to the report. */
const CONCERNS = [
  'platform', // what differs by OS: the portable-paths switch, process list and identity, interpreter paths
  'duckdb', // a DuckDB session, quoting, ATTACH errors
  'matrix', // the matrix file resolved, and its plan of runs
  'monitor', // CPU and memory timelines, hardware fingerprint
  'orchestrator', // the reference orchestrator (`threadgate simulate`)
  'census', // a seeded census in PlanAlign's schema
  'targets', // builtin, planalign, command adapters
  'schedules', // per-model schedules of a run
  'simulate-schedule', // replaying a schedule on T slots and C cores
  'digest', // table digests and the diff between two databases
  'lineage', // the DAG of a run's relations and the walk to the first diverging one
  'stress', // memory stress and the OOM judge
  'runner', // one run of a plan: spawn, timeout, kill, journal
  'analysis', // statistics, scaling model, verdict, recommendation (pure)
  'search', // adaptive search over configurations
  'baselines', // golden digests and performance baselines
  'report', // exporters: json, markdown, html, junit, csv
  // Above report: a history keeps runs as their reports give them, and draws its page with
  // report's Vega-Lite renderer and escaping.
  'history', // the DuckDB history of runs and its change points
];

const concernRules = CONCERNS.map((concern, index) => {
  const higher = CONCERNS.slice(index + 1);
  return {
    name: `concern-order:${concern}`,
    comment: `${concern} may import core and ${CONCERNS.slice(0, index).join(', ') || 'no other concern'}; not ${higher.join(', ') || 'anything above it'}`,
    severity: 'error',
    from: { path: `^src/${concern}/` },
    to: { path: `^src/(${[...higher, 'commands', 'bench'].join('|')})/|^src/cli[^/]*\\.ts$` },
  };
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle, even of types only, means two modules are one concern or one belongs lower.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing',
      comment: 'core is what every layer shares: it imports only itself and packages.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'commands-only-from-cli',
      comment: 'Only the CLI (and the benches, which drive commands as a user would) import commands.',
      severity: 'error',
      from: { path: '^src/(?!commands/|cli|bench/)' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'The CLI is the top: it parses, calls one command and maps errors to exit codes.',
      severity: 'error',
      from: { path: '^src/(?!cli)' },
      to: { path: '^src/cli[^/]*\\.ts$' },
    },
    {
      name: 'known-folder',
      comment: 'Every folder of src/ has its place in the order (add a new concern to CONCERNS).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: `^src/(?!(${['core', 'commands', 'bench', ...CONCERNS].join('|')})/|cli[^/]*\\.ts$)` },
    },
    ...concernRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    includeOnly: '^src/',
  },
};

// `threadgate census --employees N --seed S --out FILE.parquet`: a seeded census in PlanAlign's
// schema, for a PlanAlign checkout's `setup.census_parquet_path` or a `planalign` target's `census`.
import { access } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { EXIT, InputError } from '../core/errors.js';
import { validateCensusSpec, writePlanalignCensus } from '../census/planalign-census.js';
import { COMMAND_LIST } from './command-list.js';

interface CensusArguments {
  employees: number;
  seed: number;
  startYear: number;
  out: string;
  force: boolean;
}

export const censusCommand: CommandModule<object, CensusArguments> = {
  command: COMMAND_LIST.census.usage,
  describe: COMMAND_LIST.census.summary,
  builder: (yargs: Argv) =>
    yargs
      .option('employees', { type: 'number', demandOption: true, describe: 'number of employees' })
      .option('seed', { type: 'number', default: 42, describe: 'seed: the same seed always gives the same census' })
      .option('start-year', {
        type: 'number',
        default: 2025,
        describe: 'first simulation year (the census is as of the day before)',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'parquet file to write' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'replace an existing file',
      }) as unknown as Argv<CensusArguments>,
  handler: async (argv) => {
    const spec = { employees: argv.employees, seed: argv.seed, startYear: argv.startYear };
    validateCensusSpec(spec, { employees: '--employees', seed: '--seed', startYear: '--start-year' });
    const exists = await access(argv.out).then(
      () => true,
      () => false,
    );
    if (exists && !argv.force) throw new InputError(`census ${argv.out}: already exists (add --force to replace it)`);
    await writePlanalignCensus(spec, argv.out);
    process.stderr.write(
      `census of ${spec.employees} employees (seed ${spec.seed}, as of ${spec.startYear - 1}-12-31) written to ${argv.out}\n`,
    );
    process.exitCode = EXIT.pass;
  },
};

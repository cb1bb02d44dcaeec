// The one place that writes report files: creates them before measuring (a bad path fails early)
// and rewrites them atomically after every run, so an interrupted run still leaves its results.
import { appendFile, open } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { InputError, OutputError } from '../core/errors.js';
import { describeWriteError, makeDirectory } from '../core/write-failure.js';
import { EXPORTERS } from './exporters.js';
import { markdownExporter } from './markdown-exporter.js';
import type { Exporter, Report } from './types.js';

export interface ReportWriterOptions {
  /** `$GITHUB_STEP_SUMMARY`: report.md is appended there once, at the end; null/absent = none. */
  readonly githubStepSummary?: string | null;
  /** Exporters to write; default: every format. */
  readonly exporters?: readonly Exporter[];
}

export interface ReportWriter {
  readonly runDir: string;
  /** Absolute paths of the files `write` produces, in exporter order. */
  readonly files: readonly string[];
  /** Creates the run directory and every output file (empty if new); throws InputError when it cannot. */
  prepare(): Promise<void>;
  /** Serializes the report with every exporter and replaces each file atomically (temp + rename). */
  write(report: Report): Promise<void>;
  /** The same for one of `files` only. */
  writeFile(report: Report, file: string): Promise<void>;
  /** Appends report.md to the GitHub step summary, at most once per writer; no-op without one. */
  appendStepSummary(report: Report): Promise<void>;
}

/** Opens a file for appending (creating it, keeping any content) and closes it: proves it is writable. */
async function touchFile(file: string, what: string): Promise<void> {
  try {
    const handle = await open(file, 'a');
    await handle.close();
  } catch (error) {
    throw new InputError(`cannot write ${what} ${file}: ${describeWriteError(error)}`, { cause: error });
  }
}

/**
 * Writes beside the target then renames over it: readers never see a half-written file, and a write
 * that fails (disk full, read-only) leaves the previous file as it was (OutputError, exit 74).
 */
export async function writeAtomically(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomically(file, text);
  } catch (error) {
    throw new OutputError(`cannot write ${file}: ${describeWriteError(error)}`, { cause: error });
  }
}

/** The report writer of one run directory. */
export function createReportWriter(runDir: string, options: ReportWriterOptions = {}): ReportWriter {
  const exporters = options.exporters ?? Object.values(EXPORTERS);
  const root = path.resolve(runDir);
  const files = exporters.map((e) => path.join(root, e.fileName));
  const stepSummary = options.githubStepSummary ? path.resolve(options.githubStepSummary) : null;
  let summaryAppended = false;

  return {
    runDir: root,
    files,
    async prepare() {
      try {
        await makeDirectory(root);
      } catch (error) {
        throw new InputError(`cannot create run directory ${root}: ${describeWriteError(error)}`, { cause: error });
      }
      for (const file of files) await touchFile(file, 'report file');
      if (stepSummary) await touchFile(stepSummary, 'GitHub step summary ($GITHUB_STEP_SUMMARY)');
    },
    async write(report) {
      for (const [i, exporter] of exporters.entries()) {
        await writeAtomically(files[i]!, await exporter.serialize(report));
      }
    },
    async writeFile(report, file) {
      const index = files.indexOf(file);
      if (index < 0) throw new Error(`not a report file of ${root}: ${file}`);
      await writeAtomically(file, await exporters[index]!.serialize(report));
    },
    async appendStepSummary(report) {
      if (!stepSummary || summaryAppended) return;
      summaryAppended = true;
      await appendFile(stepSummary, `${await markdownExporter.serialize(report)}\n`, 'utf8');
    },
  };
}

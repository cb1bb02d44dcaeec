// Live progress while a matrix runs: a redrawn bar on a terminal, plain lines in CI logs, and only
// failures with --quiet. Hooks are optional (vitest-style), so the runner calls what exists.
import type { PlannedRun } from '../matrix/types.js';
import type { RunHooks } from '../runner/run-plan.js';
import type { RunRecord, RunStatus } from '../core/run-record.js';
import { formatMs } from '../core/format.js';

/** The runner's optional hooks, as a progress reporter implements them. */
export type RunReporter = RunHooks;

export interface ProgressReporterOptions {
  readonly stream: NodeJS.WritableStream;
  /** Redraw one bar line in place (a terminal) instead of printing lines. */
  readonly isTTY: boolean;
  /** Print nothing but failures until the end. */
  readonly quiet: boolean;
  /** Milliseconds clock; default Date.now (tests inject one). */
  readonly now?: () => number;
  /** How often the TTY bar redraws while a run is going (elapsed keeps moving); 0 = only on events. Default 1000. */
  readonly refreshMs?: number;
}

/** The glyph of a finished run's status. */
export const STATUS_GLYPH: Readonly<Record<RunStatus, string>> = { ok: '✓', failed: '✗', timeout: '⏱', oom: '☠' };

const BAR_WIDTH = 20;

function renderBar(done: number, total: number): string {
  const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
}

function describeRun(run: PlannedRun): string {
  return `${run.id}${run.warmup ? ' (warmup)' : ''}`;
}

function describeFailure(record: RunRecord): string {
  const why =
    record.error ??
    record.digestError ??
    (record.exitCode !== null ? `exit code ${record.exitCode}` : (record.signal ?? 'failed'));
  return `${record.status}: ${why}`;
}

function describeNoise(record: RunRecord): string {
  return `noisy (${(record.outsideCores ?? 0).toFixed(2)} cores of other work, ${(record.stealCores ?? 0).toFixed(2)} stolen)`;
}

/** A progress reporter writing to `stream`; ETA is the mean time per finished run × runs left. */
export function createProgressReporter(options: ProgressReporterOptions): RunReporter {
  const { stream, isTTY, quiet } = options;
  const now = options.now ?? Date.now;
  let total = 0;
  let alreadyDone = 0;
  let finished = 0;
  let failures = 0;
  let startedMs = 0;
  let current: PlannedRun | null = null;
  let barShown = false;
  let ticker: NodeJS.Timeout | null = null;
  const live = isTTY && !quiet;
  const refreshMs = options.refreshMs ?? 1000;

  const doneCount = () => alreadyDone + finished;
  const timing = (): string => {
    const elapsedMs = now() - startedMs;
    const left = total - doneCount();
    const eta = finished === 0 ? 'ETA –' : `ETA ${formatMs((elapsedMs / finished) * left)}`;
    return `elapsed ${formatMs(elapsedMs)}, ${eta}`;
  };
  const clearBar = () => {
    if (barShown) stream.write('\r\x1b[2K');
    barShown = false;
  };
  const drawBar = () => {
    const doing = current ? ` ${describeRun(current)}` : '';
    stream.write(`\r\x1b[2K${renderBar(doneCount(), total)} ${doneCount()}/${total}${doing} · ${timing()}`);
    barShown = true;
  };
  const writeLine = (line: string) => {
    clearBar();
    stream.write(`${line}\n`);
    if (live) drawBar();
  };

  return {
    onPlanStart(info) {
      total = info.total;
      alreadyDone = info.alreadyDone;
      startedMs = now();
      const resumed = info.alreadyDone > 0 ? ` (${info.alreadyDone} already done)` : '';
      if (!quiet) writeLine(`threadgate: matrix ${info.matrix}: ${info.total} runs${resumed}`);
      if (live && refreshMs > 0) {
        ticker = setInterval(() => {
          if (current) drawBar();
        }, refreshMs);
        ticker.unref(); // never keeps the process alive on its own
      }
    },
    onRunStart(run) {
      current = run;
      if (live) drawBar();
    },
    onRunEnd(record) {
      if (record.superseded) {
        if (!quiet) writeLine(`↻ ${describeRun(record)} ${describeNoise(record)}: measured again`);
        return;
      }
      finished++;
      current = null;
      const failed = record.status !== 'ok';
      if (failed) failures++;
      const head = `${STATUS_GLYPH[record.status]} [${doneCount()}/${total}] ${describeRun(record)}`;
      if (failed) writeLine(`${head} ${formatMs(record.wallMs)} — ${describeFailure(record)}`);
      else if (live) drawBar();
      else if (!quiet)
        writeLine(`${head} ${formatMs(record.wallMs)}${record.noisy ? ` ${describeNoise(record)}` : ''} (${timing()})`);
    },
    onPlanEnd() {
      if (ticker) clearInterval(ticker);
      ticker = null;
      clearBar();
      const failedText = failures > 0 ? `, ${failures} failed` : '';
      stream.write(`threadgate: ${finished} run(s) in ${formatMs(now() - startedMs)}${failedText}\n`);
    },
  };
}

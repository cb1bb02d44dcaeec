// Per-stage timings from PlanAlign's structured telemetry (PLANALIGN_STRUCTURED_TELEMETRY=1 prints
// `PLANALIGN_TELEMETRY|{json}` lines on stdout, protocol 1: run_started, stage_started,
// stage_completed with duration_seconds, year_completed, run_completed): free evidence of where a run
// spent its time.

const PREFIX = 'PLANALIGN_TELEMETRY|';

/** A stage's duration as the journal keeps it: `2025/FOUNDATION`, or the stage name alone. */
export interface StageDuration {
  readonly name: string;
  readonly ms: number;
}

function readRecord(line: string): Record<string, unknown> | null {
  const start = line.indexOf(PREFIX);
  if (start < 0) return null;
  try {
    const record: unknown = JSON.parse(line.slice(start + PREFIX.length));
    return record !== null && typeof record === 'object' ? (record as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** One stage's duration, when a telemetry record carries one. */
function stageOf(event: Record<string, unknown>): StageDuration | null {
  const stage = event['stage'] ?? event['name'];
  const year = event['year'] ?? event['simulation_year'];
  const ms = numberField(event, 'duration_ms') ?? secondsField(event);
  if (typeof stage !== 'string' || ms === null) return null;
  return { name: year === undefined ? stage : `${String(year)}/${stage}`, ms };
}

/**
 * Reads a run's telemetry line by line. Beside each completed stage it reports `<year>/SETUP`: the
 * time from `run_started` to the first `stage_started`, which PlanAlign spends on dbt seed, staging
 * and hazard caches (minutes of a first year) before any stage record, so the stages alone would not
 * add up to the run.
 */
export function createTelemetryReader(): { push(line: string): void; stages(): StageDuration[] } {
  const stages: StageDuration[] = [];
  let runStartedMs: number | null = null;
  let sawStage = false;
  return {
    push(line) {
      const event = readRecord(line);
      if (event === null) return;
      const atMs = typeof event['ts'] === 'string' ? Date.parse(event['ts']) : Number.NaN;
      if (event['record'] === 'run_started' && Number.isFinite(atMs)) runStartedMs = atMs;
      if (event['record'] === 'stage_started' && !sawStage) {
        sawStage = true;
        if (runStartedMs !== null && Number.isFinite(atMs) && atMs >= runStartedMs) {
          stages.push({
            name: event['year'] === undefined ? 'SETUP' : `${String(event['year'])}/SETUP`,
            ms: atMs - runStartedMs,
          });
        }
      }
      const stage = stageOf(event);
      if (stage) stages.push(stage);
    },
    stages: () => stages,
  };
}

function numberField(event: Record<string, unknown>, name: string): number | null {
  const value = event[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function secondsField(event: Record<string, unknown>): number | null {
  for (const name of ['duration_seconds', 'duration_s', 'elapsed_seconds']) {
    const seconds = numberField(event, name);
    if (seconds !== null) return seconds * 1000;
  }
  return null;
}

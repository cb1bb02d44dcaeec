// Per-stage timings from PlanAlign's structured telemetry (PLANALIGN_STRUCTURED_TELEMETRY=1 prints
// `PLANALIGN_TELEMETRY|{json}` lines at stage boundaries): free evidence of where a run spent its time.

const PREFIX = 'PLANALIGN_TELEMETRY|';

/** One stage's duration, when a telemetry line carries one. */
export function parseTelemetryLine(line: string): { name: string; ms: number } | null {
  const start = line.indexOf(PREFIX);
  if (start < 0) return null;
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(line.slice(start + PREFIX.length)) as Record<string, unknown>;
  } catch {
    return null;
  }
  const stage = event['stage'] ?? event['name'];
  const year = event['year'] ?? event['simulation_year'];
  const ms = numberField(event, 'duration_ms') ?? secondsField(event);
  if (typeof stage !== 'string' || ms === null) return null;
  return { name: year === undefined ? stage : `${String(year)}/${stage}`, ms };
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

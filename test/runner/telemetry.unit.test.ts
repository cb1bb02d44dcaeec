import { describe, expect, it } from 'vitest';
import { createTelemetryReader } from '../../src/runner/telemetry.js';

// Lines as the real PlanAlign (3d34aa3) printed them on stdout for a 1-year run (shortened: the
// year_completed record's counts and the validation results are cut).
const REAL_LINES = [
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:18:44.155770+00:00","run_id":null,"record":"run_started","start_year":2025,"end_year":2025,"total_years":1}',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:20:58.354984+00:00","run_id":null,"record":"stage_started","year":2025,"stage":"INITIALIZATION"}',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:20:58.373629+00:00","run_id":null,"record":"stage_completed","year":2025,"stage":"INITIALIZATION","duration_seconds":0.018677473068237305}',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:20:58.373705+00:00","run_id":null,"record":"stage_started","year":2025,"stage":"FOUNDATION"}',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:21:58.622618+00:00","run_id":null,"record":"stage_completed","year":2025,"stage":"FOUNDATION","duration_seconds":60.24888849258423}',
  '16:22:00 INFO some log line that is not telemetry',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:23:01.130636+00:00","run_id":null,"record":"validation_results","year":2025,"disposition":"passed","results":[]}',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:23:01.162355+00:00","run_id":null,"record":"year_completed","year":2025,"duration_seconds":256.7625021934509}',
  'PLANALIGN_TELEMETRY|{"v":1,"ts":"2026-11-30T16:23:01.906310+00:00","run_id":null,"record":"run_completed","years_completed":[2025],"duration_seconds":257.53685188293457}',
  'PLANALIGN_TELEMETRY|{broken json',
];

describe('PlanAlign telemetry', () => {
  it('turns completed stages into year/stage durations, and the time before the first stage into SETUP', () => {
    const reader = createTelemetryReader();
    for (const line of REAL_LINES) reader.push(line);
    expect(
      reader.stages().map((s) => [s.name, Math.round(s.ms)]),
      'stages',
    ).toEqual([
      ['2025/SETUP', 134_199],
      ['2025/INITIALIZATION', 19],
      ['2025/FOUNDATION', 60_249],
    ]);
  });

  it('reads a single line, and ignores lines that are not stage records', () => {
    const stagesOf = (line: string) => {
      const reader = createTelemetryReader();
      reader.push(line);
      return reader.stages();
    };
    expect(stagesOf(REAL_LINES[4]!), 'stage_completed').toEqual([{ name: '2025/FOUNDATION', ms: 60_248.88849258423 }]);
    expect(stagesOf(REAL_LINES[0]!), 'run_started').toEqual([]);
    expect(stagesOf(REAL_LINES[5]!), 'log line').toEqual([]);
    expect(stagesOf(REAL_LINES[9]!), 'broken JSON').toEqual([]);
    expect(stagesOf('PLANALIGN_TELEMETRY|null'), 'not an object').toEqual([]);
  });
});

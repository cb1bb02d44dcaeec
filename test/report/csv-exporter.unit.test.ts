import { describe, expect, it } from 'vitest';
import { csvExporter } from '../../src/report/csv-exporter.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

const render = (report = buildSampleReport()) => csvExporter.serialize(report) as string;

describe('csv exporter', () => {
  it('writes a header and one CRLF-terminated row per run, with a digest column per table', () => {
    const csv = render();
    const lines = csv.split('\r\n');
    expect(lines.at(-1), 'ends with CRLF').toBe('');
    expect(lines[0]).toBe(
      'id,threads,mode,rep,warmup,status,exitCode,wallMs,cpuMs,peakRssBytes,meanCores,digest:fct_yearly_events,digest:fct_workforce_snapshot,error,outsideCores,stealCores,noisy,stressBytes',
    );
    expect(lines.length - 2, 'data rows').toBe(18);
    const divergent = lines.find((l) => l.startsWith('t4-selective-r2,'))!.split(',');
    const reference = lines.find((l) => l.startsWith('t1-sequential-r1,'))!.split(',');
    expect(divergent.slice(0, 8)).toEqual(['t4-selective-r2', '4', 'selective', '2', 'false', 'ok', '0', '4460']);
    expect(divergent[11], 'events digest differs').not.toBe(reference[11]);
    expect(divergent[12], 'snapshot digest equal').toBe(reference[12]);
  });

  it('quotes commas, quotes and line breaks by RFC 4180', () => {
    const base = buildSampleReport();
    const csv = render({
      ...base,
      runs: [{ ...base.runs[0]!, status: 'failed', digests: null, error: 'exit code 1, "boom"\nsee stderr' }],
    });
    expect(csv.split('\r\n')[1]).toBe(
      `t1-sequential-r1,1,sequential,1,false,failed,0,12040,12040,${223 * 1024 * 1024},1,,,"exit code 1, ""boom""\nsee stderr",,,,`,
    );
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const base = buildSampleReport();
    const runs = ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)'].map((error, i) => ({ ...base.runs[i]!, error }));
    // The four condition columns (empty here) come after the error.
    const rows = render({ ...base, runs })
      .split('\r\n')
      .slice(1, 5)
      .map((l) => l.replace(/,,,,$/, ''))
      .map((l) => l.slice(l.lastIndexOf(',', l.startsWith('t') && l.includes('"') ? l.indexOf('"') : l.length) + 1));
    expect(rows).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1+1", "'-2", "'@SUM(A1)"]);
  });
});

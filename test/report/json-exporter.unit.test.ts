import { describe, expect, it } from 'vitest';
import { jsonExporter } from '../../src/report/json-exporter.js';
import { buildSampleReport } from '../fixtures/report-fixture.js';

describe('json exporter', () => {
  it('writes the report as it is, pretty-printed, keys in build order', () => {
    const report = buildSampleReport();
    const text = jsonExporter.serialize(report) as string;
    expect(JSON.parse(text), 'round trip').toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1], 'two-space indent, schemaVersion first').toBe('  "schemaVersion": 1,');
    const topKeys = [...text.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual(Object.keys(report));
    expect(jsonExporter.fileName).toBe('report.json');
  });
});

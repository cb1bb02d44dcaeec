// report.json: the Report object exactly as built, so scripts read the same data the exporters saw.
import type { Exporter, Report } from './types.js';

/** Pretty-printed with the key order the report was built in (JSON.stringify keeps insertion order). */
export const jsonExporter: Exporter = {
  format: 'json',
  fileName: 'report.json',
  serialize(report: Report): string {
    return `${JSON.stringify(report, null, 2)}\n`;
  },
};

// Every exporter by format: the writer writes them all, and a caller can pick one by name.
import { csvExporter } from './csv-exporter.js';
import { htmlExporter } from './html-exporter.js';
import { jsonExporter } from './json-exporter.js';
import { junitExporter } from './junit-exporter.js';
import { markdownExporter } from './markdown-exporter.js';
import type { ExportFormat, Exporter, Report } from './types.js';

/** The exporters, keyed by format, in the order the writer writes them (JSON first: the data). */
export const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  json: jsonExporter,
  markdown: markdownExporter,
  html: htmlExporter,
  junit: junitExporter,
  csv: csvExporter,
};

/** One format's text, awaiting the exporters that render asynchronously (HTML). */
export async function serializeReport(format: ExportFormat, report: Report): Promise<string> {
  return EXPORTERS[format].serialize(report);
}

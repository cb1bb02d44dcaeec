// report.html: charts rendered to inline SVG first (asynchronous in Vega), then the page around them.
import { buildChartSpecs } from './html-charts.js';
import { renderHtmlPage } from './html-page.js';
import { renderChartSvgs } from './render-charts.js';
import type { Exporter, Report } from './types.js';

/** One self-contained page: no script, no network at view time. */
export const htmlExporter: Exporter = {
  format: 'html',
  fileName: 'report.html',
  async serialize(report: Report): Promise<string> {
    return renderHtmlPage(report, await renderChartSvgs(buildChartSpecs(report)));
  },
};

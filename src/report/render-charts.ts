// Renders Vega-Lite specs to SVG text in Node, ahead of time, so report.html needs no script and
// no network when it is opened.
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './chart-spec.js';

/** A chart rendered to inline SVG markup. */
export interface RenderedChart {
  readonly id: ChartSpec['id'];
  readonly title: string;
  /** SVG markup from Vega's SVG renderer, which escapes every text it draws. */
  readonly svg: string;
}

/** Compiles Vega-Lite to Vega and renders headless (renderer 'none': no DOM, no canvas). */
export async function renderChartSvg(chart: ChartSpec): Promise<RenderedChart> {
  const vegaSpec = compile(chart.spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return { id: chart.id, title: chart.title, svg };
  } finally {
    view.finalize();
  }
}

/** Renders charts one after another (Vega's SVG def ids are a process-wide counter, kept unique). */
export async function renderChartSvgs(charts: readonly ChartSpec[]): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const chart of charts) rendered.push(await renderChartSvg(chart));
  return rendered;
}

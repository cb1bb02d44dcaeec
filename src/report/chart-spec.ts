// The shape every chart builder returns and the page renders.
import type { TopLevelSpec } from 'vega-lite';

/** A chart to render: an anchor name, a heading and its Vega-Lite spec. */
export interface ChartSpec {
  readonly id:
    | 'runtime'
    | 'speedup'
    | 'cpu-timeline'
    | 'memory-timeline'
    | 'schedule-gantt'
    | 'schedule-bound'
    | 'model-durations'
    | 'stage-timings'
    | 'prediction'
    | 'what-if'
    | `history-${number}`;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

// The only place ECharts modules are registered (tree-shaken: only what the pages draw).
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapContinuousComponent } from "echarts/components";
import { use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

// Heatmap and the continuous visualMap: the heatmaps of the history page (admin).
use([CanvasRenderer, BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, VisualMapContinuousComponent]);

/**
 * Defaults every chart shares. Tooltips render as canvas rich text, not HTML, so no data-derived
 * string (a window or category name) can ever be interpreted as markup.
 */
export const SAFE_TOOLTIP = { renderMode: "richText" as const, confine: true };

// For the chart tests only: renders an option to an SVG string with ECharts' server-side renderer, so a
// test proves the option is one ECharts accepts and sees the text it draws (names stay text: escaped).
import type { EChartsCoreOption } from "echarts/core";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import "./echarts.js";

use([SVGRenderer]);

export function renderSvg(option: EChartsCoreOption, width = 1200, height = 300): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

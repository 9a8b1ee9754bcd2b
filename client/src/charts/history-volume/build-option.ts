// 到达与办结 per group of the history page (窗口、部门、类别、时段、星期、日期): two bars per group. Names are
// drawn on the canvas as text; the tooltip is rich text. Pure.
import type { EChartsCoreOption } from "echarts/core";
import { adminCategoryAxis, adminCommon, adminLegend, adminValueAxis } from "../history-common/admin-style.js";
import { CHART_COLORS, commonOption } from "../palette.js";

export interface VolumeInput {
  /** The groups as shown (a window's name, "09:00", 周一 …). */
  labels: string[];
  arrivals: number[];
  served: number[];
  names: { arrivals: string; served: string };
}

export function buildVolumeOption(input: VolumeInput): EChartsCoreOption {
  const bar = (id: "arrivals" | "served", color: string, data: number[]) => ({
    id,
    name: input.names[id],
    type: "bar",
    barMaxWidth: 18,
    barGap: "10%",
    itemStyle: { color, borderRadius: [3, 3, 0, 0] },
    data,
  });
  return {
    ...adminCommon(commonOption(), "axis"),
    legend: adminLegend([input.names.arrivals, input.names.served]),
    grid: { left: 6, right: 10, top: 30, bottom: 4 },
    xAxis: adminCategoryAxis(input.labels),
    yAxis: adminValueAxis({ minInterval: 1 }),
    series: [bar("arrivals", CHART_COLORS.accent, input.arrivals), bar("served", CHART_COLORS.ok, input.served)],
  };
}

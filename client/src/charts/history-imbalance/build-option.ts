// 冷热不均指数 per day of the history page: the day's coefficient of variation of the open windows'
// utilization as a line (higher = more uneven), a gap on a day without figures. The tooltip is rich text.
// Pure.
import type { EChartsCoreOption } from "echarts/core";
import { adminCategoryAxis, adminCommon, adminLegend, adminValueAxis } from "../history-common/admin-style.js";
import { CHART_COLORS, commonOption } from "../palette.js";

export interface ImbalanceInput {
  /** Hall-local dates YYYY-MM-DD, every day of the period. */
  days: string[];
  /** The day's cv; null for a day without figures (drawn as a gap). */
  cv: (number | null)[];
  name: string;
}

export function buildImbalanceOption(input: ImbalanceInput): EChartsCoreOption {
  const values = input.cv.map((v) => (v === null ? null : Math.round(v * 100) / 100));
  const common = adminCommon(commonOption(), "axis");
  return {
    ...common,
    tooltip: { ...common.tooltip, valueFormatter: (v: unknown) => (typeof v === "number" ? v.toFixed(2) : "—") },
    legend: adminLegend([input.name]),
    grid: { left: 6, right: 14, top: 30, bottom: 4 },
    xAxis: { ...adminCategoryAxis(input.days.map((d) => d.slice(5)), { angleOver: 16 }), boundaryGap: false },
    yAxis: adminValueAxis({ min: 0, max: (v: { max: number }) => Math.max(0.5, Math.ceil(v.max * 10) / 10), axisLabel: { ...adminValueAxis().axisLabel, formatter: (v: number) => v.toFixed(1) } }),
    series: [
      {
        id: "cv",
        name: input.name,
        type: "line",
        data: values,
        symbol: "circle",
        symbolSize: 6,
        showSymbol: input.days.length <= 60,
        connectNulls: false,
        lineStyle: { color: CHART_COLORS.hot, width: 2 },
        itemStyle: { color: CHART_COLORS.hot },
        areaStyle: { color: "rgba(255, 90, 79, 0.12)" },
      },
    ],
  };
}

// 等候时长 per group of the history page: the median and P90 wait in minutes as bars, against a dashed
// markLine at the hall's target (waitMinutes). Names are canvas text; the tooltip is rich text. Pure.
import type { EChartsCoreOption } from "echarts/core";
import { adminCategoryAxis, adminCommon, adminLegend, adminValueAxis, round1OrNull } from "../history-common/admin-style.js";
import { CHART_COLORS, CHART_FONT, commonOption, niceAxis } from "../palette.js";

export interface WaitInput {
  labels: string[];
  p50Seconds: (number | null)[];
  p90Seconds: (number | null)[];
  /** The hall's target wait (targets.waitMinutes). */
  targetMinutes: number;
  names: { p50: string; p90: string; target: string };
}

const minutesOf = (s: number | null) => round1OrNull(s === null ? null : s / 60);

export function buildWaitOption(input: WaitInput): EChartsCoreOption {
  const p50 = input.p50Seconds.map(minutesOf);
  const p90 = input.p90Seconds.map(minutesOf);
  const top = Math.max(input.targetMinutes, ...p50.map((v) => v ?? 0), ...p90.map((v) => v ?? 0));
  const common = adminCommon(commonOption(), "axis");
  return {
    ...common,
    tooltip: { ...common.tooltip, valueFormatter: (v: unknown) => (typeof v === "number" ? `${v} min` : "—") },
    legend: adminLegend([input.names.p50, input.names.p90]),
    grid: { left: 6, right: 12, top: 30, bottom: 4 },
    xAxis: adminCategoryAxis(input.labels),
    // Room above the target line for its label, whatever the waits; even steps.
    yAxis: adminValueAxis({ min: 0, ...niceAxis(top * 1.12) }),
    series: [
      { id: "p50", name: input.names.p50, type: "bar", barMaxWidth: 18, barGap: "10%", itemStyle: { color: CHART_COLORS.normal, borderRadius: [3, 3, 0, 0] }, data: p50 },
      {
        id: "p90",
        name: input.names.p90,
        type: "bar",
        barMaxWidth: 18,
        itemStyle: { color: CHART_COLORS.warn, borderRadius: [3, 3, 0, 0] },
        data: p90,
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          data: [{ name: input.names.target, yAxis: input.targetMinutes }],
          lineStyle: { color: CHART_COLORS.hot, type: "dashed", width: 1.5 },
          label: { position: "insideEndTop", formatter: () => input.names.target, color: CHART_COLORS.hot, fontFamily: CHART_FONT, fontSize: 11 },
        },
      },
    ],
  };
}

// 每日校准: per hall-local day, the share of tickets called within their P80 and within their P50 as
// lines (percent), against the targets 80 % and 50 % and dashed lines at 80 % ± the tolerance; each day's
// axis label carries the number of tickets judged, and a day with too few to judge is drawn with hollow
// grey points, so a thin day reads as thin. Days nobody could be judged on are gaps. Pure; names are canvas text, the tooltip rich text.
import type { EChartsCoreOption } from "echarts/core";
import { adminCategoryAxis, adminCommon, adminLegend, adminValueAxis } from "../history-common/admin-style.js";
import { CHART_COLORS, CHART_FONT, commonOption } from "../palette.js";

export interface CalibrationChartInput {
  /** One label per day (e.g. "11-25 · 32 张"). */
  labels: string[];
  /** Shares 0–1 per day, null when no ticket could be judged. */
  byP50: (number | null)[];
  byP80: (number | null)[];
  /** Per day: too few tickets to judge (hollow grey points). */
  thin?: boolean[];
  p80Target: number;
  p50Target: number;
  tolerance: number;
  names: { byP50: string; byP80: string; target80: string; target50: string };
}

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function buildCalibrationOption(input: CalibrationChartInput): EChartsCoreOption {
  const common = adminCommon(commonOption(), "axis");
  const points = (shares: (number | null)[]) =>
    shares.map((share, i) => (input.thin?.[i] ? { value: pct(share), symbol: "emptyCircle", itemStyle: { color: CHART_COLORS.muted } } : pct(share)));
  const line = (color: string, type: "solid" | "dashed" = "solid") => ({ color, type, width: type === "solid" ? 1.5 : 1 });
  const mark = (name: string, y: number, color: string, type: "solid" | "dashed", label: boolean) => ({
    name,
    yAxis: pct(y),
    lineStyle: line(color, type),
    label: label ? { show: true, position: "insideEndTop", formatter: () => name, color, fontFamily: CHART_FONT, fontSize: 11 } : { show: false },
  });
  return {
    ...common,
    tooltip: { ...common.tooltip, valueFormatter: (v: unknown) => (typeof v === "number" ? `${v}%` : "—") },
    legend: adminLegend([input.names.byP80, input.names.byP50]),
    grid: { left: 6, right: 12, top: 30, bottom: 4, containLabel: true },
    xAxis: adminCategoryAxis(input.labels, { angleOver: 10, width: 90 }),
    yAxis: adminValueAxis({ min: 0, max: 100, interval: 25, axisLabel: { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted, formatter: "{value}%" } }),
    series: [
      {
        id: "byP80",
        name: input.names.byP80,
        type: "line",
        symbolSize: 7,
        connectNulls: false,
        itemStyle: { color: CHART_COLORS.accent },
        lineStyle: { color: CHART_COLORS.accent, width: 2.5 },
        data: points(input.byP80),
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          data: [
            mark(input.names.target80, input.p80Target, CHART_COLORS.ok, "solid", true),
            mark("", input.p80Target - input.tolerance, CHART_COLORS.ok, "dashed", false),
            mark("", input.p80Target + input.tolerance, CHART_COLORS.ok, "dashed", false),
          ],
        },
      },
      {
        id: "byP50",
        name: input.names.byP50,
        type: "line",
        symbolSize: 6,
        connectNulls: false,
        itemStyle: { color: CHART_COLORS.warn },
        lineStyle: { color: CHART_COLORS.warn, width: 2 },
        data: points(input.byP50),
        markLine: { silent: true, symbol: "none", animation: false, data: [mark(input.names.target50, input.p50Target, CHART_COLORS.warn, "dashed", true)] },
      },
    ],
  };
}

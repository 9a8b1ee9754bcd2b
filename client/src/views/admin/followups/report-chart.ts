// The 差评整改 report as a small bar chart: per month (or window) the followed-up share and the on-time
// share in percent, against a dashed 100% target line. Names (window names are untrusted text) are drawn
// on the canvas as text; the tooltip is rich text, never HTML. Pure; sized for the admin pages.
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, commonOption } from "../../../charts/palette.js";

export interface ReportChartRow {
  /** The category's name as shown: "2026-11" or a window's name. */
  label: string;
  followedUpShare: number | null;
  onTimeShare: number | null;
}

export interface ReportChartInput {
  rows: readonly ReportChartRow[];
  labels: { followedUp: string; onTime: string; target: string };
}

export const TARGET_PERCENT = 100;

/** A share (0–1) in percent, rounded down to one decimal (99.96% never shows as the 100% target). */
export const sharePercent = (share: number | null): number | null => (share === null ? null : Math.floor(share * 1000 + 1e-6) / 10);

export function buildFollowUpReportOption(input: ReportChartInput): EChartsCoreOption {
  const common = commonOption();
  const text = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted };
  const series = (id: "followedUp" | "onTime", color: string, pick: (r: ReportChartRow) => number | null) => ({
    id,
    name: input.labels[id],
    type: "bar",
    barMaxWidth: 22,
    itemStyle: { color, borderRadius: [3, 3, 0, 0] },
    data: input.rows.map((r) => sharePercent(pick(r))),
  });
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: {
      ...common.tooltip,
      textStyle: { ...common.tooltip.textStyle, fontSize: 12 },
      valueFormatter: (v: unknown) => (typeof v === "number" ? `${v}%` : "—"),
    },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { ...text, color: CHART_COLORS.text }, data: [input.labels.followedUp, input.labels.onTime] },
    grid: { left: 6, right: 10, top: 34, bottom: 2 },
    xAxis: {
      type: "category",
      data: input.rows.map((r) => r.label),
      // Every category named (a window's name may be long: cut with an ellipsis, angled when many).
      axisLabel: { ...text, color: CHART_COLORS.text, interval: 0, rotate: input.rows.length > 3 ? 30 : 0, width: 84, overflow: "truncate" },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: TARGET_PERCENT,
      interval: 25,
      axisLabel: { ...text, formatter: (v: number) => `${v}%` },
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: [
      {
        ...series("followedUp", CHART_COLORS.accent, (r) => r.followedUpShare),
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          data: [{ name: input.labels.target, yAxis: TARGET_PERCENT }],
          lineStyle: { color: CHART_COLORS.warn, type: "dashed", width: 1.5 },
          label: { position: "insideEndTop", formatter: () => input.labels.target, color: CHART_COLORS.warn, fontFamily: CHART_FONT, fontSize: 11 },
        },
      },
      series("onTime", CHART_COLORS.ok, (r) => r.onTimeShare),
    ],
  };
}

// 模拟调配: each window's utilization as it was (actual) and as the replay predicts, in percent, as
// bar pairs per window against the hall's hot and cold thresholds. Window names (untrusted text) are
// plain canvas text, cut with an ellipsis; the tooltip is rich text. Pure; sized for the admin pages.
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, commonOption } from "../palette.js";
import { ACTUAL_COLOR } from "../whatif-waits/build-option.js";

export interface UtilizationCompareRow {
  name: string;
  /** 0–1. */
  actual: number;
  predicted: number;
}

export interface UtilizationCompareInput {
  rows: readonly UtilizationCompareRow[];
  hot: number;
  cold: number;
  labels: { actual: string; predicted: string; hot: string; cold: string };
}

const pct = (r: number) => Math.round(r * 1000) / 10;

export function buildUtilizationCompareOption(input: UtilizationCompareInput): EChartsCoreOption {
  const { rows, labels } = input;
  const common = commonOption();
  const text = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted };
  const many = rows.length > 10;
  const mark = (value: number, name: string, color: string) => ({
    name,
    yAxis: pct(value),
    lineStyle: { color, type: "dashed" as const, width: 1 },
    label: { formatter: () => name, position: "insideEndTop" as const, color, fontFamily: CHART_FONT, fontSize: 11 },
  });
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: {
      ...common.tooltip,
      textStyle: { ...common.tooltip.textStyle, fontSize: 12 },
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? `${v}%` : "—"),
    },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { ...text, color: CHART_COLORS.text }, data: [labels.actual, labels.predicted] },
    grid: { left: 8, right: 12, top: 30, bottom: 4 },
    xAxis: {
      type: "category",
      data: rows.map((r) => r.name),
      axisLabel: { ...text, color: CHART_COLORS.text, interval: 0, rotate: many ? 45 : 0, width: many ? 64 : 90, overflow: "truncate" },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    yAxis: { type: "value", min: 0, max: 100, interval: 25, axisLabel: { ...text, formatter: (v: number) => `${v}%` }, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [
      {
        id: "actual",
        name: labels.actual,
        type: "bar",
        barMaxWidth: 14,
        barGap: "10%",
        itemStyle: { color: ACTUAL_COLOR, borderRadius: [2, 2, 0, 0] },
        data: rows.map((r) => pct(r.actual)),
        markLine: { silent: true, symbol: "none", animation: false, data: [mark(input.hot, labels.hot, CHART_COLORS.hot), mark(input.cold, labels.cold, CHART_COLORS.cold)] },
      },
      {
        id: "predicted",
        name: labels.predicted,
        type: "bar",
        barMaxWidth: 14,
        itemStyle: { color: CHART_COLORS.accent, borderRadius: [2, 2, 0, 0] },
        data: rows.map((r) => pct(r.predicted)),
      },
    ],
  };
}

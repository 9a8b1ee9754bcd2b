// 模拟调配: the wait per category as it was (actual, grey) and as the replay predicts (blue), in
// minutes, as horizontal bar pairs with their values (the table beside it judges each change).
// Category names (untrusted text) are plain canvas text; the tooltip is rich text. Pure.
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, commonOption, round1 } from "../palette.js";

export interface WaitCompareRow {
  name: string;
  /** Minutes; null when no ticket of the category was called. */
  actual: number | null;
  predicted: number | null;
}

export interface WaitCompareInput {
  rows: readonly WaitCompareRow[];
  labels: { actual: string; predicted: string };
}

export const ACTUAL_COLOR = "#8ea4c8";

export function buildWaitCompareOption(input: WaitCompareInput): EChartsCoreOption {
  const { rows, labels } = input;
  const common = commonOption();
  const text = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted };
  const value = (v: number | null) => (v === null ? null : round1(v));
  const label = {
    show: true,
    position: "right" as const,
    color: CHART_COLORS.text,
    fontFamily: CHART_FONT,
    fontSize: 11,
    formatter: (p: { value: unknown }) => (typeof p.value === "number" ? p.value.toFixed(1) : ""),
  };
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: {
      ...common.tooltip,
      textStyle: { ...common.tooltip.textStyle, fontSize: 12 },
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? v.toFixed(1) : "—"),
    },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { ...text, color: CHART_COLORS.text }, data: [labels.actual, labels.predicted] },
    grid: { left: 8, right: 36, top: 28, bottom: 4 },
    xAxis: { type: "value", min: 0, axisLabel: text, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => r.name),
      axisLabel: { ...text, color: CHART_COLORS.text, interval: 0, width: 120, overflow: "truncate" },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    series: [
      {
        id: "actual",
        name: labels.actual,
        type: "bar",
        barMaxWidth: 10,
        barGap: "15%",
        itemStyle: { color: ACTUAL_COLOR, borderRadius: [0, 2, 2, 0] },
        label,
        data: rows.map((r) => value(r.actual)),
      },
      {
        id: "predicted",
        name: labels.predicted,
        type: "bar",
        barMaxWidth: 10,
        itemStyle: { color: CHART_COLORS.accent, borderRadius: [0, 2, 2, 0] },
        label,
        data: rows.map((r) => value(r.predicted)),
      },
    ],
  };
}

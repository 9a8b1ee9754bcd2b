// 人员配置: windows needed (Erlang C, bars) against windows that were open (the average over the weeks,
// a line) per hall-local hour of one weekday for one category. A bar is in the hot colour where the
// hour was understaffed (needed > open), amber where overstaffed (needed < open − 1). Pure; sized for
// the admin pages; the tooltip is rich text (never HTML).
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, commonOption, round1 } from "../palette.js";

export interface StaffingHoursInput {
  hours: readonly number[];
  /** Per hour, in the order of `hours`. */
  needed: readonly number[];
  hadOpen: readonly number[];
  /** The hour whose details are open (drawn with an outline); null for none. */
  selectedHour?: number | null;
  labels: { needed: string; hadOpen: string; hour: (h: number) => string };
}

export type HourStatus = "under" | "over" | "ok";
export const hourStatus = (needed: number, hadOpen: number): HourStatus => (needed > hadOpen ? "under" : needed < hadOpen - 1 ? "over" : "ok");
const STATUS_COLOR: Record<HourStatus, string> = { under: CHART_COLORS.hot, over: CHART_COLORS.warn, ok: CHART_COLORS.accent };

export function buildStaffingHoursOption(input: StaffingHoursInput): EChartsCoreOption {
  const { hours, needed, hadOpen, labels } = input;
  const common = commonOption();
  const text = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted };
  const top = Math.max(1, ...needed, ...hadOpen.map((h) => Math.ceil(h)));
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: {
      ...common.tooltip,
      textStyle: { ...common.tooltip.textStyle, fontSize: 12 },
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? String(round1(v)) : "—"),
    },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 14,
      itemHeight: 8,
      textStyle: { ...text, color: CHART_COLORS.text },
      data: [labels.needed, labels.hadOpen],
    },
    grid: { left: 8, right: 12, top: 30, bottom: 4 },
    xAxis: {
      type: "category",
      data: hours.map((h) => labels.hour(h)),
      axisLabel: { ...text, color: CHART_COLORS.text, interval: 0 },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: top + 1,
      minInterval: 1,
      axisLabel: text,
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: [
      {
        id: "needed",
        name: labels.needed,
        type: "bar",
        barMaxWidth: 34,
        itemStyle: { color: CHART_COLORS.accent },
        label: { show: true, position: "top", color: CHART_COLORS.text, fontFamily: CHART_FONT, fontSize: 12 },
        data: hours.map((h, i) => {
          const n = needed[i] ?? 0;
          const color = STATUS_COLOR[hourStatus(n, hadOpen[i] ?? 0)];
          const selected = input.selectedHour === h;
          return { value: n, itemStyle: { color, borderRadius: [3, 3, 0, 0], ...(selected ? { borderColor: "#ffffff", borderWidth: 2 } : {}) } };
        }),
      },
      {
        id: "hadOpen",
        name: labels.hadOpen,
        type: "line",
        symbol: "circle",
        symbolSize: 7,
        itemStyle: { color: CHART_COLORS.ok },
        lineStyle: { color: CHART_COLORS.ok, width: 2 },
        data: hadOpen.map((h) => round1(h)),
      },
    ],
  };
}

// The admin page's arrival forecast (issue #9) for one category, per 15-minute slot of the hall-local
// day: today's arrivals so far (bars), the same weekdays' mean (dashed line), and for the next hour the
// forecast with its 80% band (P10 and P90 as thin lines around the expected count), a "now" mark at the
// slot under way. Pure; sized for the admin pages; the tooltip is rich text (never HTML).
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, commonOption, round1 } from "../palette.js";

export interface ForecastChartInput {
  /** Slot labels (hall-local "HH:MM"). */
  labels: readonly string[];
  today: readonly (number | null)[];
  historyMean: readonly (number | null)[];
  /** Per slot: the forecast band, or null outside the next hour. */
  forecast: readonly ({ expected: number; low: number; high: number } | null)[];
  /** Index of the slot under way (the "now" mark); null for none. */
  nowIndex: number | null;
  names: { today: string; history: string; expected: string; low: string; high: string; now: string };
}

export function buildForecastOption(input: ForecastChartInput): EChartsCoreOption {
  const { labels, names } = input;
  const common = commonOption();
  const text = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted };
  const pick = (key: "expected" | "low" | "high") => input.forecast.map((f) => (f ? round1(f[key]) : null));
  const thin = (name: string, data: (number | null)[]) => ({
    name,
    type: "line",
    symbol: "none",
    connectNulls: false,
    lineStyle: { color: CHART_COLORS.warn, width: 1, type: "dotted" },
    itemStyle: { color: CHART_COLORS.warn },
    data,
  });
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: {
      ...common.tooltip,
      textStyle: { ...common.tooltip.textStyle, fontSize: 12 },
      valueFormatter: (v: unknown) => (typeof v === "number" ? String(round1(v)) : "—"),
    },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 14,
      itemHeight: 8,
      textStyle: { ...text, color: CHART_COLORS.text },
      data: [names.today, names.history, names.expected, names.low, names.high],
    },
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    xAxis: {
      type: "category",
      data: [...labels],
      axisLabel: { ...text, color: CHART_COLORS.text },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    yAxis: { type: "value", min: 0, minInterval: 1, axisLabel: text, splitLine: { lineStyle: { color: CHART_COLORS.grid } } },
    series: [
      {
        id: "today",
        name: names.today,
        type: "bar",
        barMaxWidth: 18,
        itemStyle: { color: CHART_COLORS.accent, borderRadius: [2, 2, 0, 0] },
        data: input.today.map((v) => v),
        ...(input.nowIndex !== null
          ? {
              markLine: {
                symbol: "none",
                silent: true,
                lineStyle: { color: CHART_COLORS.muted, type: "solid", width: 1 },
                label: { formatter: () => names.now, color: CHART_COLORS.muted, fontFamily: CHART_FONT, fontSize: 12 },
                data: [{ xAxis: labels[input.nowIndex] }],
              },
            }
          : {}),
      },
      {
        id: "history",
        name: names.history,
        type: "line",
        symbol: "none",
        lineStyle: { color: CHART_COLORS.normal, width: 2, type: "dashed" },
        itemStyle: { color: CHART_COLORS.normal },
        data: input.historyMean.map((v) => (v === null ? null : round1(v))),
      },
      {
        id: "expected",
        name: names.expected,
        type: "line",
        symbol: "circle",
        symbolSize: 6,
        lineStyle: { color: CHART_COLORS.warn, width: 3 },
        itemStyle: { color: CHART_COLORS.warn },
        data: pick("expected"),
      },
      { id: "low", ...thin(names.low, pick("low")) },
      { id: "high", ...thin(names.high, pick("high")) },
    ],
  };
}

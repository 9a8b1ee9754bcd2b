// Tickets issued versus services completed per 15 minutes of today (hall-local), from the hour the hall
// became active up to now. Pure; the slot labels are "HH:MM" in the hall's time zone.
import type { EChartsCoreOption } from "echarts/core";
import type { TodayBucket } from "../../../../contract/index.js";
import { daySlots, onTheHour } from "../day-range.js";
import { CHART_COLORS, CHART_FONT, CHART_TEXT, categoryAxisStyle, commonOption, niceAxis, valueAxisStyle } from "../palette.js";

export interface TodayFlowInput {
  buckets: readonly TodayBucket[];
  timeZone: string;
  labels: { arrivals: string; served: string };
}

export function buildTodayFlowOption(input: TodayFlowInput): EChartsCoreOption {
  const slots = daySlots(input.buckets, input.timeZone);
  const { labels } = input;
  const axis = niceAxis(Math.max(4, ...slots.map((s) => Math.max(s.bucket.arrivals, s.bucket.served))));
  return {
    ...commonOption(),
    legend: {
      top: 0,
      right: 8,
      itemGap: 24,
      textStyle: { color: CHART_COLORS.text, fontSize: CHART_TEXT.legend, fontFamily: CHART_FONT },
      data: [labels.arrivals, labels.served],
    },
    grid: { left: 8, right: 16, top: 34, bottom: 4 },
    xAxis: {
      type: "category",
      data: slots.map((s) => s.label),
      ...categoryAxisStyle(),
      axisLabel: { ...categoryAxisStyle().axisLabel, color: CHART_COLORS.muted, interval: onTheHour },
    },
    yAxis: { type: "value", min: 0, max: axis.max, interval: axis.interval, ...valueAxisStyle() },
    series: [
      {
        id: "arrivals",
        name: labels.arrivals,
        type: "bar",
        barCategoryGap: "25%",
        itemStyle: { color: CHART_COLORS.accent, opacity: 0.85, borderRadius: [3, 3, 0, 0] },
        data: slots.map((s) => s.bucket.arrivals),
      },
      {
        id: "served",
        name: labels.served,
        type: "line",
        smooth: 0.3,
        symbol: "circle",
        symbolSize: 6,
        lineStyle: { color: CHART_COLORS.ok, width: 3 },
        itemStyle: { color: CHART_COLORS.ok },
        data: slots.map((s) => s.bucket.served),
      },
    ],
  };
}

// Average wait (minutes) of the tickets first called in each 15-minute slot of today, against the wait
// target. A slot where nobody was called has no average: it is a gap, never a zero. Pure.
import type { EChartsCoreOption } from "echarts/core";
import type { TodayBucket } from "../../../../contract/index.js";
import { daySlots, onTheHour } from "../day-range.js";
import { CHART_COLORS, CHART_FONT, CHART_TEXT, categoryAxisStyle, commonOption, niceAxis, round1, valueAxisStyle } from "../palette.js";

export interface WaitTrendInput {
  buckets: readonly TodayBucket[];
  timeZone: string;
  waitMinutes: number;
  labels: { series: string; target: string };
}

export function buildWaitTrendOption(input: WaitTrendInput): EChartsCoreOption {
  const slots = daySlots(input.buckets, input.timeZone);
  const values = slots.map((s) => (s.bucket.avgWaitSeconds === null ? null : round1(s.bucket.avgWaitSeconds / 60)));
  const top = Math.max(input.waitMinutes * 1.25, ...values.map((v) => v ?? 0));
  const axis = niceAxis(top);
  const common = commonOption();
  return {
    ...common,
    tooltip: { ...common.tooltip, valueFormatter: (v: unknown) => (typeof v === "number" ? String(v) : "—") },
    grid: { left: 8, right: 16, top: 34, bottom: 4 },
    xAxis: {
      type: "category",
      boundaryGap: false,
      data: slots.map((s) => s.label),
      ...categoryAxisStyle(),
      axisLabel: { ...categoryAxisStyle().axisLabel, color: CHART_COLORS.muted, interval: onTheHour },
    },
    yAxis: { type: "value", min: 0, max: axis.max, interval: axis.interval, ...valueAxisStyle() },
    series: [
      {
        id: "avg-wait",
        name: input.labels.series,
        type: "line",
        connectNulls: false,
        smooth: 0.3,
        symbol: "circle",
        symbolSize: 6,
        lineStyle: { color: CHART_COLORS.warn, width: 3 },
        itemStyle: { color: CHART_COLORS.warn },
        areaStyle: { color: CHART_COLORS.warn, opacity: 0.12 },
        data: values,
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          data: [{ name: input.labels.target, yAxis: input.waitMinutes }],
          lineStyle: { color: CHART_COLORS.hot, type: "dashed", width: 2 },
          label: { position: "insideStartTop", formatter: () => input.labels.target, color: CHART_COLORS.hot, fontFamily: CHART_FONT, fontSize: CHART_TEXT.mark },
        },
      },
    ],
  };
}

// Waiting now and the longest wait per category, against the hall's wait target. Two columns that
// share the category rows: people waiting (left) and the longest wait in minutes with the target as a
// mark line (right; over-target bars in the hot colour). Pure; category names are plain canvas text.
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, CHART_TEXT, categoryAxisStyle, commonOption, round1, valueAxisStyle } from "../palette.js";

export interface CategoryWaitRow {
  categoryId: string;
  name: string;
  waitingNow: number;
  /** null when nobody waits. */
  oldestWaitSeconds: number | null;
}

export interface CategoryWaitInput {
  rows: readonly CategoryWaitRow[];
  waitMinutes: number;
  /** Width of the chart in canvas pixels (the wall's layout is fixed); sets the three columns. */
  width?: number;
  labels: { waitingNow: string; oldestWait: string; target: string };
}

export const oldestMinutes = (r: CategoryWaitRow) => (r.oldestWaitSeconds === null ? 0 : round1(r.oldestWaitSeconds / 60));

export function buildCategoryWaitOption(input: CategoryWaitInput): EChartsCoreOption {
  const { rows, waitMinutes, labels } = input;
  const names = rows.map((r) => r.name);
  const minutes = rows.map(oldestMinutes);
  const waitMax = Math.max(5, ...rows.map((r) => r.waitingNow));
  const minuteMax = Math.ceil((Math.max(waitMinutes * 1.25, ...minutes) * 1.1) / 5) * 5;
  const common = commonOption();
  // Columns: category names | people waiting (narrow) | longest wait in minutes (the rest).
  const width = input.width ?? 470;
  const NAMES = 170;
  const COUNT = 56;
  const COUNT_LABEL = 40;
  const valueAxis = (gridIndex: number, max: number) => ({
    type: "value" as const,
    gridIndex,
    min: 0,
    max,
    ...valueAxisStyle(),
    // The bars carry their values; an axis scale would only crowd the panel.
    axisLabel: { show: false },
    splitLine: { show: false },
  });
  const categoryAxis = (gridIndex: number, show: boolean) => ({
    type: "category" as const,
    gridIndex,
    data: names,
    inverse: true,
    ...categoryAxisStyle(),
    axisLabel: { ...categoryAxisStyle().axisLabel, show, fontSize: CHART_TEXT.value, width: NAMES - 10, overflow: "truncate" as const, interval: 0 },
  });
  const valueLabel = (formatter: (p: { dataIndex: number }) => string) => ({
    show: true,
    position: "right" as const,
    color: CHART_COLORS.text,
    fontFamily: CHART_FONT,
    fontSize: CHART_TEXT.value,
    formatter,
  });
  return {
    ...common,
    tooltip: { ...common.tooltip, axisPointer: { type: "shadow" } },
    legend: {
      top: 0,
      left: NAMES - 40,
      itemGap: 24,
      textStyle: { color: CHART_COLORS.text, fontSize: CHART_TEXT.legend, fontFamily: CHART_FONT },
      data: [labels.waitingNow, labels.oldestWait],
    },
    grid: [
      { left: NAMES, width: COUNT, top: 40, bottom: 8 },
      { left: NAMES + COUNT + COUNT_LABEL, width: Math.max(60, width - NAMES - COUNT - COUNT_LABEL - 44), top: 40, bottom: 8 },
    ],
    xAxis: [valueAxis(0, waitMax), valueAxis(1, minuteMax)],
    yAxis: [categoryAxis(0, true), categoryAxis(1, false)],
    series: [
      {
        id: "waiting",
        name: labels.waitingNow,
        type: "bar",
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 18,
        itemStyle: { color: CHART_COLORS.accent, borderRadius: [0, 3, 3, 0] },
        data: rows.map((r) => r.waitingNow),
        label: valueLabel((p) => String(rows[p.dataIndex]?.waitingNow ?? "")),
      },
      {
        id: "oldest",
        name: labels.oldestWait,
        type: "bar",
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 18,
        itemStyle: { color: CHART_COLORS.warn },
        data: minutes.map((m) => ({ value: m, itemStyle: { color: m > waitMinutes ? CHART_COLORS.hot : CHART_COLORS.warn, borderRadius: [0, 3, 3, 0] } })),
        label: valueLabel((p) => {
          const r = rows[p.dataIndex];
          return r && r.oldestWaitSeconds !== null ? String(Math.round(r.oldestWaitSeconds / 60)) : "";
        }),
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          data: [{ name: labels.target, xAxis: waitMinutes }],
          lineStyle: { color: CHART_COLORS.hot, type: "dashed", width: 2 },
          label: { position: "start", distance: 4, formatter: () => labels.target, color: CHART_COLORS.hot, fontFamily: CHART_FONT, fontSize: CHART_TEXT.mark },
        },
      },
    ],
  };
}

// Utilization of each window over the last 60 minutes, with the hall's hot and cold thresholds drawn as
// mark lines. Pure: data in, ECharts option out. Window names are passed as plain strings and drawn on
// the canvas (never HTML); every formatter is a function, so a name is never read as a template.
import type { EChartsCoreOption } from "echarts/core";
import { CHART_COLORS, CHART_FONT, CHART_TEXT, categoryAxisStyle, commonOption, round1, valueAxisStyle } from "../palette.js";

export interface UtilizationBar {
  windowId: string;
  name: string;
  /** busy / open over the last 60 minutes; null when the window was not open at all. */
  utilization: number | null;
  hot: boolean;
  cold: boolean;
  /** Open long enough (≥ 10 min) to be judged hot or cold. */
  eligible: boolean;
}

export interface UtilizationInput {
  bars: readonly UtilizationBar[];
  hotUtilization: number;
  coldUtilization: number;
  /** Width of the plot in canvas pixels, to size the name labels (the wall's layout is fixed). */
  plotWidth?: number;
  labels: { series: string; hot: string; cold: string; hotLine: string; coldLine: string };
}

const ALNUM = /[A-Za-z0-9]/;

/**
 * Short axis labels for window names that share a wording: "1号窗口" … "23号窗口" → "1号" … "23号".
 * Strips only a common prefix/suffix without letters or digits (so "窗口1"/"窗口11" keep their numbers)
 * and never empties a name; anything else stays the full name. The axis data and tooltip keep the
 * full names.
 */
export function compactNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  const chars = names.map((n) => Array.from(n));
  const shortest = Math.min(...chars.map((c) => c.length));
  const common = (at: (c: string[], i: number) => string | undefined) => {
    let n = 0;
    while (n < shortest - 1) {
      const ch = at(chars[0] as string[], n);
      if (ch === undefined || ALNUM.test(ch) || !chars.every((c) => at(c, n) === ch)) break;
      n++;
    }
    return n;
  };
  const prefix = common((c, i) => c[i]);
  let suffix = common((c, i) => c[c.length - 1 - i]);
  // Keep the measure word of "N号窗口": "1号" reads as a window number, a bare "1" less so.
  if (suffix > 0 && (chars[0] as string[])[(chars[0] as string[]).length - suffix] === "号") suffix--;
  if (prefix + suffix === 0 || chars.some((c) => c.length - prefix - suffix < 1)) return [...names];
  return chars.map((c) => c.slice(prefix, c.length - suffix).join(""));
}

export function barColor(b: UtilizationBar): string {
  if (b.hot) return CHART_COLORS.hot;
  if (b.cold) return CHART_COLORS.cold;
  if (!b.eligible || b.utilization === null) return CHART_COLORS.closed;
  return CHART_COLORS.normal;
}

export function buildUtilizationOption(input: UtilizationInput): EChartsCoreOption {
  const { bars, labels } = input;
  const hotPct = round1(input.hotUtilization * 100);
  const coldPct = round1(input.coldUtilization * 100);
  const values = bars.map((b) => (b.utilization === null ? 0 : round1(b.utilization * 100)));
  const max = Math.max(100, Math.ceil(Math.max(0, ...values) / 50) * 50);
  const slot = Math.max(24, Math.floor((input.plotWidth ?? 1200) / Math.max(1, bars.length)) - 2);
  const byIndex = (i: number) => bars[i];
  const short = compactNames(bars.map((b) => b.name));
  const common = commonOption();
  return {
    ...common,
    tooltip: { ...common.tooltip, axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => `${String(v)}%` },
    grid: { left: 8, right: 84, top: 44, bottom: 4 },
    xAxis: {
      type: "category",
      data: bars.map((b) => b.name),
      ...categoryAxisStyle(),
      axisLabel: { ...categoryAxisStyle().axisLabel, fontSize: CHART_TEXT.value, interval: 0, width: slot, overflow: "truncate", formatter: (_name: string, i: number) => short[i] ?? "" },
    },
    yAxis: { type: "value", min: 0, max, interval: 50, ...valueAxisStyle(), axisLabel: { ...valueAxisStyle().axisLabel, formatter: (v: number) => `${v}%` } },
    series: [
      {
        id: "utilization",
        name: labels.series,
        type: "bar",
        barMaxWidth: 40,
        data: bars.map((b, i) => ({ value: values[i], itemStyle: { color: barColor(b), borderRadius: [4, 4, 0, 0] } })),
        label: {
          show: true,
          position: "top",
          color: CHART_COLORS.text,
          fontFamily: CHART_FONT,
          fontSize: CHART_TEXT.value,
          lineHeight: 17,
          formatter: (p: { dataIndex: number }) => {
            const b = byIndex(p.dataIndex);
            if (!b || b.utilization === null) return "";
            const pct = `${Math.round(b.utilization * 100)}%`;
            return b.hot ? `${labels.hot}\n${pct}` : b.cold ? `${labels.cold}\n${pct}` : pct;
          },
        },
        markLine: {
          silent: true,
          symbol: "none",
          animation: false,
          data: [
            { name: labels.hotLine, yAxis: hotPct, lineStyle: { color: CHART_COLORS.hot, type: "dashed", width: 2 }, label: { formatter: () => labels.hotLine, color: CHART_COLORS.hot } },
            { name: labels.coldLine, yAxis: coldPct, lineStyle: { color: CHART_COLORS.cold, type: "dashed", width: 2 }, label: { formatter: () => labels.coldLine, color: CHART_COLORS.cold } },
          ],
          label: { position: "end", distance: 6, fontFamily: CHART_FONT, fontSize: CHART_TEXT.mark },
        },
      },
    ],
  };
}

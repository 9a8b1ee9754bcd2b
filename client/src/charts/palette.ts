// Chart colours and type for the dark wall theme (the same values as styles/theme.css, which ECharts
// cannot read: it draws on a canvas). Sizes are in the wall's 1920×1080 canvas pixels, read from 5 m.
import { SAFE_TOOLTIP } from "./echarts.js";

export const CHART_FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const CHART_COLORS = {
  text: "#eef3fb",
  muted: "#9fb0cc",
  line: "#2a3858",
  grid: "#1f2b45",
  panel: "#131c2e",
  accent: "#4da3ff",
  normal: "#8ea4c8",
  hot: "#ff5a4f",
  cold: "#59c7ff",
  ok: "#3ddc97",
  warn: "#ffc247",
  closed: "#4b5873",
} as const;

export const CHART_TEXT = { axis: 16, value: 15, legend: 17, mark: 16 } as const;

/** The parts every wall chart shares: font, animated updates, and the safe (non-HTML) tooltip. */
export function commonOption() {
  return {
    backgroundColor: "transparent",
    textStyle: { fontFamily: CHART_FONT, color: CHART_COLORS.text, fontSize: CHART_TEXT.axis },
    animationDuration: 600,
    animationDurationUpdate: 600,
    animationEasingUpdate: "cubicOut" as const,
    tooltip: {
      ...SAFE_TOOLTIP,
      trigger: "axis" as const,
      backgroundColor: CHART_COLORS.panel,
      borderColor: CHART_COLORS.line,
      textStyle: { color: CHART_COLORS.text, fontFamily: CHART_FONT, fontSize: CHART_TEXT.value },
    },
  };
}

export function valueAxisStyle() {
  return {
    axisLabel: { color: CHART_COLORS.muted, fontSize: CHART_TEXT.axis, fontFamily: CHART_FONT },
    splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    axisLine: { show: false },
    axisTick: { show: false },
  };
}

export function categoryAxisStyle() {
  return {
    axisLabel: { color: CHART_COLORS.text, fontSize: CHART_TEXT.axis, fontFamily: CHART_FONT },
    axisLine: { lineStyle: { color: CHART_COLORS.line } },
    axisTick: { show: false },
  };
}

/** A number rounded to one decimal (chart values; avoids 33.33333 in labels). */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** A value axis top and step giving about three even intervals (no crowded extra label at the top). */
export function niceAxis(top: number): { max: number; interval: number } {
  const t = Math.max(1, top);
  const raw = t / 3;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return { max: Math.ceil(t / step) * step, interval: step };
}

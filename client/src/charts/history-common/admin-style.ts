// Shared parts of the allocation review charts (admin pages, read at arm's length, not from 5 m like the
// wall): 12 px text, a compact legend, axes on the dark palette, and the safe rich-text tooltip. Pure.
import { CHART_COLORS, CHART_FONT, type commonOption } from "../palette.js";

export const ADMIN_TEXT = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted } as const;

/**
 * The parts every chart shares (`commonOption()`: font, animation, the SAFE_TOOLTIP rich-text tooltip,
 * never HTML) at the admin pages' 12 px, with the tooltip's trigger.
 */
export function adminCommon(common: ReturnType<typeof commonOption>, trigger: "axis" | "item" = "axis") {
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: { ...common.tooltip, trigger, textStyle: { ...common.tooltip.textStyle, fontSize: 12 } },
  };
}

export function adminLegend(names: string[]) {
  return { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { ...ADMIN_TEXT, color: CHART_COLORS.text }, data: names };
}

/**
 * A category axis naming every category (long names cut with an ellipsis), angled when many and turned
 * upright when more than twice as many: a hall's 23 windows on a half-width chart leave ~20 px a label,
 * and at 40° or 60° neighbouring 12 px labels ran into each other.
 */
export function adminCategoryAxis(labels: string[], opts: { angleOver?: number; width?: number } = {}) {
  const over = opts.angleOver ?? 8;
  const rotate = labels.length > 2 * over ? 90 : labels.length > over ? 40 : 0;
  return {
    type: "category" as const,
    data: labels,
    axisLabel: { ...ADMIN_TEXT, color: CHART_COLORS.text, interval: labels.length > 40 ? "auto" : 0, rotate, width: opts.width ?? 80, overflow: "truncate" as const },
    axisLine: { lineStyle: { color: CHART_COLORS.line } },
    axisTick: { show: false },
  };
}

export function adminValueAxis(extra: Record<string, unknown> = {}) {
  return {
    type: "value" as const,
    axisLabel: { ...ADMIN_TEXT },
    splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    axisLine: { show: false },
    axisTick: { show: false },
    ...extra,
  };
}

/** A number rounded to one decimal, or null. */
export const round1OrNull = (n: number | null | undefined): number | null => (n === null || n === undefined || !Number.isFinite(n) ? null : Math.round(n * 10) / 10);

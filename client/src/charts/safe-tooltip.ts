// The one tooltip formatter of every chart (BaseChart applies it). Tooltips render as canvas rich text
// (SAFE_TOOLTIP), where `{style|text}` is markup: ECharts' own formatter wraps names in such tokens, so a
// name with a `}` ends its token early and a `{a|x}` in it is read as markup (text lost or restyled).
// Here data text is never inside a token, and every `{` of it is followed by an invisible word joiner
// (U+2060), so nothing of it can open one: names are drawn exactly as written. Pure.
import type { EChartsCoreOption } from "echarts/core";

const WORD_JOINER = "\u2060";

/** Text that zrender's rich-text parser shows as written (looks the same: the joiner is invisible). */
export const richLiteral = (text: string): string => text.replace(/\{/g, `{${WORD_JOINER}`);

type ValueFormatter = (value: unknown, dataIndex: number) => string;

interface TooltipParam {
  marker?: unknown;
  seriesName?: unknown;
  name?: unknown;
  axisValueLabel?: unknown;
  value?: unknown;
  dataIndex?: number;
}

const asText = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

function defaultValue(v: unknown): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "-";
  if (typeof v === "string") return v;
  return "-";
}

/**
 * A formatter for `trigger: "axis"` (header: the category; a line per series) and `trigger: "item"`
 * (the series, then the data's name and value), values through the chart's `valueFormatter`.
 */
export function plainTooltipFormatter(valueFormatter?: ValueFormatter) {
  const value = (p: TooltipParam) => richLiteral(valueFormatter ? valueFormatter(p.value, p.dataIndex ?? 0) : defaultValue(p.value));
  const line = (p: TooltipParam, label: unknown) => `${asText(p.marker)}${richLiteral(asText(label))}  ${value(p)}`;
  return (params: TooltipParam | TooltipParam[]): string => {
    if (Array.isArray(params)) {
      const first = params[0];
      if (!first) return "";
      const header = asText(first.axisValueLabel) || asText(first.name);
      return [richLiteral(header), ...params.map((p) => line(p, p.seriesName))].join("\n");
    }
    const series = asText(params.seriesName);
    const name = asText(params.name);
    return name ? `${richLiteral(series)}\n${line(params, name)}` : line(params, series);
  };
}

/** The option with its tooltip formatted by `plainTooltipFormatter` unless it has its own formatter. */
export function withSafeTooltip(option: EChartsCoreOption): EChartsCoreOption {
  const tooltip = option.tooltip as { formatter?: unknown; valueFormatter?: ValueFormatter } | undefined;
  if (!tooltip || typeof tooltip !== "object" || Array.isArray(tooltip) || tooltip.formatter !== undefined) return option;
  const { valueFormatter, ...rest } = tooltip;
  return { ...option, tooltip: { ...rest, formatter: plainTooltipFormatter(valueFormatter) } };
}

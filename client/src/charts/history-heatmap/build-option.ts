// The heatmaps of the history page: arrivals by ISO weekday × hour (average per such hour) and window
// utilization by window × hour (null = the window was never open then: drawn grey, outside the colour
// scale). Only the hours with data are drawn (a hall is closed at night). A continuous visualMap gives the
// scale: arrivals from 0 to the busiest cell, utilization from 0 to 100%. Names are canvas text; the
// tooltip is rich text. Pure.
import type { EChartsCoreOption } from "echarts/core";
import { ADMIN_TEXT, adminCommon } from "../history-common/admin-style.js";
import { CHART_COLORS, commonOption } from "../palette.js";
import { richLiteral } from "../safe-tooltip.js";

export type HeatmapKind = "arrivals" | "utilization";

export interface HeatmapInput {
  kind: HeatmapKind;
  /** Row names as shown, top to bottom (周一 … 周日, or window names). */
  rows: string[];
  /** Hall-local hours of the columns (0–23). */
  hours: number[];
  /** cells[row][i] for hours[i]: arrivals per hour, or utilization 0–1 (null: never open). */
  cells: (number | null)[][];
  labels: { value: string; unit: string; closed: string; high: string; low: string };
}

/** Dark blue (quiet) → blue → teal → amber → red (busiest). */
export const HEAT_COLORS = ["#15243d", "#1f5fae", "#2aa5a0", "#ffc247", "#ff5a4f"] as const;
const CLOSED_COLOR = "#222c40";

const pad = (n: number) => String(n).padStart(2, "0");

/** The hours from the first to the last that has data (a value for utilization, arrivals > 0); 8–17 when none. */
export function visibleHours(kind: HeatmapKind, hours: readonly number[], cells: readonly (readonly (number | null)[])[]): number[] {
  const has = (i: number) => cells.some((row) => {
    const v = row[i];
    return kind === "utilization" ? v !== null && v !== undefined : typeof v === "number" && v > 0;
  });
  const idx = hours.map((_, i) => i).filter(has);
  if (idx.length === 0) return hours.filter((h) => h >= 8 && h <= 17);
  return hours.slice(idx[0], (idx.at(-1) as number) + 1);
}

/** The value drawn for a cell: arrivals with one decimal, utilization in percent with one decimal. */
export const cellValue = (kind: HeatmapKind, v: number): number => (kind === "utilization" ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10);

/** The colour scale's range: arrivals 0 … the busiest cell rounded up (at least 1); utilization 0 … 100%. */
export function heatmapRange(kind: HeatmapKind, cells: readonly (readonly (number | null)[])[]): { min: number; max: number } {
  if (kind === "utilization") return { min: 0, max: 100 };
  const top = Math.max(0, ...cells.flat().filter((v): v is number => typeof v === "number").map((v) => cellValue(kind, v)));
  return { min: 0, max: Math.max(1, Math.ceil(top)) };
}

const valueText = (kind: HeatmapKind, v: number) => (kind === "utilization" ? `${Math.round(v)}%` : v >= 10 ? String(Math.round(v)) : v.toFixed(1));
/** The text inside a cell: nobody came (0 arrivals) stays blank, so the busy hours stand out. */
export const cellText = (kind: HeatmapKind, v: number): string => (kind === "arrivals" && v === 0 ? "" : valueText(kind, v));

export function buildHeatmapOption(input: HeatmapInput): EChartsCoreOption {
  const { kind, labels } = input;
  const hours = visibleHours(kind, input.hours, input.cells);
  const range = heatmapRange(kind, input.cells);
  const values: { value: [number, number, number]; label: { color: string } }[] = [];
  const closed: [number, number, number][] = [];
  hours.forEach((h, x) => {
    const i = input.hours.indexOf(h);
    input.rows.forEach((_, y) => {
      const raw = input.cells[y]?.[i];
      if (raw === null || raw === undefined) {
        if (kind === "utilization") closed.push([x, y, 0]);
        return;
      }
      const v = cellValue(kind, raw);
      // Dark text on the bright end of the scale, light text on the dark end.
      const bright = (v - range.min) / (range.max - range.min || 1) >= 0.4;
      values.push({ value: [x, y, v], label: { color: bright ? "#0b1220" : CHART_COLORS.text } });
    });
  });
  const common = adminCommon(commonOption(), "item");
  const cellStyle = { borderColor: CHART_COLORS.panel, borderWidth: 2, borderRadius: 3 };
  const many = input.rows.length > 14;
  return {
    ...common,
    tooltip: {
      ...common.tooltip,
      formatter: (p: { seriesId?: string; value?: unknown }) => {
        const [x, y, v] = (Array.isArray(p.value) ? p.value : []) as number[];
        // The row name is untrusted text: never read as rich-text markup.
        const where = `${richLiteral(input.rows[y ?? 0] ?? "")} ${pad(hours[x ?? 0] ?? 0)}:00–${pad((hours[x ?? 0] ?? 0) + 1)}:00`;
        if (p.seriesId === "closed") return `${where}\n${labels.closed}`;
        return `${where}\n${labels.value}：${valueText(kind, v ?? 0)}${kind === "arrivals" ? ` ${labels.unit}` : ""}`;
      },
    },
    // Room below the hour labels for the colour scale and its handles' values.
    grid: { left: 6, right: 12, top: 6, bottom: 74 },
    xAxis: {
      type: "category",
      data: hours.map((h) => `${pad(h)}:00`),
      splitArea: { show: false },
      axisLabel: { ...ADMIN_TEXT, color: CHART_COLORS.text },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    yAxis: {
      type: "category",
      data: input.rows,
      inverse: true,
      axisLabel: { ...ADMIN_TEXT, color: CHART_COLORS.text, width: 96, overflow: "truncate", fontSize: many ? 11 : 12 },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    visualMap: [
      {
        type: "continuous",
        seriesIndex: 0,
        min: range.min,
        max: range.max,
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemWidth: 12,
        itemHeight: 220,
        text: [labels.high, labels.low],
        textGap: 10,
        textStyle: { ...ADMIN_TEXT },
        formatter: (v: number) => (kind === "utilization" ? `${Math.round(v)}%` : String(Math.round(v * 10) / 10)),
        inRange: { color: [...HEAT_COLORS] },
      },
      // The never-open cells: one grey, off the scale (ECharts wants every heatmap series under a visualMap).
      { type: "continuous", show: false, seriesIndex: 1, min: 0, max: 1, inRange: { color: [CLOSED_COLOR, CLOSED_COLOR] } },
    ],
    series: [
      {
        id: "values",
        name: labels.value,
        type: "heatmap",
        data: values,
        itemStyle: cellStyle,
        label: { show: true, fontFamily: ADMIN_TEXT.fontFamily, fontSize: many ? 10 : 11, formatter: (p: { value?: unknown }) => cellText(kind, (Array.isArray(p.value) ? (p.value[2] as number) : 0) ?? 0) },
        emphasis: { itemStyle: { borderColor: CHART_COLORS.text, borderWidth: 1 } },
      },
      {
        id: "closed",
        name: labels.closed,
        type: "heatmap",
        data: closed,
        itemStyle: cellStyle,
        label: { show: false },
        emphasis: { disabled: true },
      },
    ],
  };
}

// Open consistency findings per rule and hall-local day (GET …/consistency/history): a finding counts on
// every day from the day it was first seen to the day it closed (both included; still open: to today).
// One stacked bar series per rule that had any finding in the period. Pure; sized for the admin pages.
import type { EChartsCoreOption } from "echarts/core";
import { localDate, type RuleId } from "../../../../contract/index.js";
import { CHART_COLORS, CHART_FONT, commonOption } from "../palette.js";

export interface HistoryRow {
  rule: RuleId;
  firstSeen: string;
  closedAt: string | null;
}

export interface ConsistencyHistoryInput {
  rows: readonly HistoryRow[];
  /** The start of the period (the server's `since`) and now, as instants. */
  since: string;
  now: number;
  timeZone: string;
  /** The rules in display order with their names in the page's language. */
  rules: readonly { id: RuleId; name: string }[];
}

export const RULE_COLORS: Record<RuleId, string> = {
  "offline-only": "#ff5a4f",
  "not-served": "#ffc247",
  "department-mismatch": "#b38cff",
  "guide-differs": "#4da3ff",
  "visit-limit": "#ff8fb1",
  "extra-materials": "#ff9a3d",
  "late-publication": "#3ddc97",
  "unclear-guide": "#59c7ff",
};

const DAY = 86_400_000;
const nextDate = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** The hall-local dates from `since` to `now`, both included. */
export function daysBetween(since: number, now: number, timeZone: string): string[] {
  const out: string[] = [];
  const last = localDate(now, timeZone);
  for (let d = localDate(since, timeZone); d <= last && out.length < 400; d = nextDate(d)) out.push(d);
  return out;
}

/** Open findings of each rule on each day. */
export function openPerDay(rows: readonly HistoryRow[], days: readonly string[], timeZone: string): Map<RuleId, number[]> {
  const out = new Map<RuleId, number[]>();
  for (const r of rows) {
    const first = localDate(Date.parse(r.firstSeen), timeZone);
    const closed = r.closedAt ? localDate(Date.parse(r.closedAt), timeZone) : null;
    const counts = out.get(r.rule) ?? days.map(() => 0);
    days.forEach((d, i) => {
      if (first <= d && (closed === null || closed >= d)) counts[i] = (counts[i] ?? 0) + 1;
    });
    out.set(r.rule, counts);
  }
  return out;
}

export function buildConsistencyHistoryOption(input: ConsistencyHistoryInput): EChartsCoreOption {
  const days = daysBetween(Date.parse(input.since), input.now, input.timeZone);
  const counts = openPerDay(input.rows, days, input.timeZone);
  const shown = input.rules.filter((r) => (counts.get(r.id) ?? []).some((n) => n > 0));
  const common = commonOption();
  const text = { fontFamily: CHART_FONT, fontSize: 12, color: CHART_COLORS.muted };
  return {
    ...common,
    textStyle: { ...common.textStyle, fontSize: 12 },
    tooltip: { ...common.tooltip, textStyle: { ...common.tooltip.textStyle, fontSize: 12 }, order: "valueDesc" },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { ...text, color: CHART_COLORS.text }, data: shown.map((r) => r.name) },
    grid: { left: 8, right: 12, top: shown.length > 4 ? 48 : 28, bottom: 4, containLabel: true },
    xAxis: {
      type: "category",
      data: days.map((d) => d.slice(5)),
      axisLabel: { ...text, hideOverlap: true },
      axisLine: { lineStyle: { color: CHART_COLORS.line } },
      axisTick: { show: false },
    },
    yAxis: {
      type: "value",
      min: 0,
      minInterval: 1,
      axisLabel: text,
      splitLine: { lineStyle: { color: CHART_COLORS.grid } },
    },
    series: shown.map((r) => ({
      id: r.id,
      name: r.name,
      type: "bar",
      stack: "open",
      barCategoryGap: "25%",
      itemStyle: { color: RULE_COLORS[r.id] },
      emphasis: { focus: "series" },
      data: counts.get(r.id) ?? [],
    })),
  };
}

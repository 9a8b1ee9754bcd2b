import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildConsistencyHistoryOption, daysBetween, openPerDay, type HistoryRow } from "./build-option.js";

const TZ = "Asia/Shanghai";
const rules = [
  { id: "offline-only" as const, name: "线下独有事项" },
  { id: "late-publication" as const, name: "公开不及时" },
  { id: "unclear-guide" as const, name: "<b>指南</b>" },
];
const rows: HistoryRow[] = [
  { rule: "offline-only", firstSeen: "2026-11-21T17:00:00.000Z", closedAt: null }, // 11-22 hall time
  { rule: "late-publication", firstSeen: "2026-11-20T02:00:00.000Z", closedAt: "2026-11-22T03:00:00.000Z" },
  { rule: "late-publication", firstSeen: "2026-11-23T02:00:00.000Z", closedAt: null },
];
const now = Date.parse("2026-11-24T04:00:00.000Z");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (r = rows): any => buildConsistencyHistoryOption({ rows: r, since: "2026-11-19T04:00:00.000Z", now, timeZone: TZ, rules });

describe("consistency history option", () => {
  it("lists the hall-local days of the period, both ends included", () => {
    expect(daysBetween(Date.parse("2026-11-19T04:00:00Z"), now, TZ)).toEqual(["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"]);
  });

  it("counts a finding open from its first day to its closing day, in the hall's time zone", () => {
    const days = daysBetween(Date.parse("2026-11-19T04:00:00Z"), now, TZ);
    const c = openPerDay(rows, days, TZ);
    expect(c.get("offline-only")).toEqual([0, 0, 0, 1, 1, 1]);
    expect(c.get("late-publication")).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it("stacks one series per rule that had findings, named in the page's language", () => {
    const o = build();
    expect(o.series.map((s: { id: string }) => s.id)).toEqual(["offline-only", "late-publication"]);
    expect(o.legend.data).toEqual(["线下独有事项", "公开不及时"]);
    expect(o.series.every((s: { stack: string }) => s.stack === "open")).toBe(true);
    expect(o.xAxis.data.at(-1)).toBe("11-24");
    expect(o.yAxis.minInterval).toBe(1);
  });

  it("uses the safe rich-text tooltip and renders with ECharts, names as text", () => {
    const o = build([{ rule: "unclear-guide", firstSeen: "2026-11-20T02:00:00.000Z", closedAt: null }]);
    expect(o.tooltip.renderMode).toBe("richText");
    const svg = renderSvg(o, 700, 240);
    expect(svg).toContain("&lt;b&gt;指南&lt;/b&gt;");
    expect(svg).not.toContain("<b>");
    expect(renderSvg(build([]), 700, 240)).not.toContain("NaN");
  });
});

import { describe, expect, it } from "vitest";
import type { TodayBucket } from "../../../../contract/index.js";
import { renderSvg } from "../test-render.js";
import { buildTodayFlowOption } from "./build-option.js";

const DAY = Date.parse("2026-11-24T16:00:00.000Z"); // 2026-11-25 00:00 in Asia/Shanghai
const bucket = (i: number, arrivals: number, served: number, avgWaitSeconds: number | null = null): TodayBucket => ({
  start: new Date(DAY + i * 900_000).toISOString(),
  arrivals,
  served,
  avgWaitSeconds,
});
// Quiet until 08:45 (slot 35), then activity up to 10:00.
const buckets = Array.from({ length: 40 }, (_, i) => (i < 35 ? bucket(i, 0, 0) : bucket(i, i - 30, i - 33, 300)));
const labels = { arrivals: "取号", served: "办结" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (b: TodayBucket[] = buckets): any => buildTodayFlowOption({ buckets: b, timeZone: "Asia/Shanghai", labels });

describe("arrivals versus served today option", () => {
  it("starts at the full hour before the first activity, labels slots in the hall's time zone", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["08:00", "08:15", "08:30", "08:45", "09:00", "09:15", "09:30", "09:45"]);
    expect(o.series[0].data).toEqual([0, 0, 0, 5, 6, 7, 8, 9]);
    expect(o.series[1].data).toEqual([0, 0, 0, 2, 3, 4, 5, 6]);
    expect(o.series.map((s: { name: string }) => s.name)).toEqual(["取号", "办结"]);
  });

  it("shows only the full hours on the axis", () => {
    const interval = build().xAxis.axisLabel.interval;
    expect(interval(0, "08:00")).toBe(true);
    expect(interval(1, "08:15")).toBe(false);
  });

  it("is empty (no NaN) before anything happened today, and uses the safe tooltip", () => {
    const o = build(Array.from({ length: 30 }, (_, i) => bucket(i, 0, 0)));
    expect(o.xAxis.data).toEqual([]);
    expect(o.series[0].data).toEqual([]);
    expect(o.tooltip.renderMode).toBe("richText");
    expect(renderSvg(o)).not.toContain("NaN");
  });

  it("renders with ECharts", () => {
    const svg = renderSvg(build(), 620, 180);
    expect(svg).toContain("09:00");
    expect(svg).not.toContain("NaN");
  });
});

import { describe, expect, it } from "vitest";
import type { TodayBucket } from "../../../../contract/index.js";
import { renderSvg } from "../test-render.js";
import { buildWaitTrendOption } from "./build-option.js";

const DAY = Date.parse("2026-11-24T16:00:00.000Z");
const bucket = (i: number, avgWaitSeconds: number | null, arrivals = 1): TodayBucket => ({ start: new Date(DAY + i * 900_000).toISOString(), arrivals, served: 0, avgWaitSeconds });
const buckets = [...Array.from({ length: 36 }, (_, i) => bucket(i, null, 0)), bucket(36, 600), bucket(37, null), bucket(38, 1_500), bucket(39, 2_730)];
const labels = { series: "平均等候", target: "目标 20 分钟" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (b: TodayBucket[] = buckets, waitMinutes = 20): any => buildWaitTrendOption({ buckets: b, timeZone: "Asia/Shanghai", waitMinutes, labels });

describe("average wait trend option", () => {
  it("plots the average wait in minutes per slot, a slot without calls as a gap (never zero)", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["09:00", "09:15", "09:30", "09:45"]);
    expect(o.series[0].data).toEqual([10, null, 25, 45.5]);
    expect(o.series[0].connectNulls).toBe(false);
  });

  it("draws the wait target as a mark line and keeps it in view", () => {
    const o = build(buckets.slice(0, 37), 30);
    expect(o.series[0].markLine.data).toEqual([{ name: labels.target, yAxis: 30 }]);
    expect(o.yAxis.max).toBeGreaterThanOrEqual(37.5);
    expect(o.series[0].markLine.label.formatter()).toBe("目标 20 分钟");
  });

  it("uses the safe rich-text tooltip", () => {
    const o = build();
    expect(o.tooltip.renderMode).toBe("richText");
    expect(o.tooltip.valueFormatter(null)).toBe("—");
  });

  it("renders with ECharts, also with no data yet", () => {
    expect(renderSvg(build(), 620, 180)).toContain("目标 20 分钟");
    expect(renderSvg(build([bucket(0, null, 0)]), 620, 180)).not.toContain("NaN");
  });
});

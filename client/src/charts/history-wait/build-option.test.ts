import { describe, expect, it } from "vitest";
import { renderSvg } from "../test-render.js";
import { buildWaitOption } from "./build-option.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (p90: (number | null)[] = [1500, 600, null], target = 20): any =>
  buildWaitOption({ labels: ["1号窗口", "2号窗口", "3号窗口"], p50Seconds: [610, 185, null], p90Seconds: p90, targetMinutes: target, names: { p50: "中位数", p90: "P90", target: `目标 ${target} 分钟` } });

describe("history wait option", () => {
  it("draws the median and P90 in minutes with one decimal, nothing where nobody waited", () => {
    const o = build();
    expect(o.series.map((s: { id: string }) => s.id)).toEqual(["p50", "p90"]);
    expect(o.series[0].data).toEqual([10.2, 3.1, null]);
    expect(o.series[1].data).toEqual([25, 10, null]);
  });

  it("puts a dashed markLine at the hall's target wait, always inside the axis", () => {
    const o = build([300, 120, null], 30);
    const mark = o.series[1].markLine;
    expect(mark.data).toEqual([{ name: "目标 30 分钟", yAxis: 30 }]);
    expect(mark.lineStyle.type).toBe("dashed");
    expect(mark.label.formatter()).toBe("目标 30 分钟");
    expect(o.yAxis.max).toBeGreaterThan(30);
    const long = build([6000, 120, null], 20).yAxis;
    expect(long.max).toBeGreaterThanOrEqual(100);
    expect(long.max % long.interval).toBe(0);
  });

  it("uses the safe rich-text tooltip and renders with ECharts", () => {
    const o = build();
    expect(o.tooltip.renderMode).toBe("richText");
    expect(o.tooltip.valueFormatter(10.2)).toBe("10.2 min");
    const svg = renderSvg(o, 600, 240);
    expect(svg).toContain("目标 20 分钟");
    expect(svg).not.toContain("NaN");
  });
});

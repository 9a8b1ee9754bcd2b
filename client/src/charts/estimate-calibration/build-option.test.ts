import { describe, expect, it } from "vitest";
import { CHART_COLORS } from "../palette.js";
import { renderSvg } from "../test-render.js";
import { buildCalibrationOption } from "./build-option.js";

const names = { byP50: "P50 内", byP80: "P80 内", target80: "目标 80%", target50: "目标 50%" };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const build = (): any =>
  buildCalibrationOption({ labels: ["11-24 · 30 张", "11-25 · 0 张", "11-26 · 41 张"], byP50: [0.5333, null, 0.61], byP80: [0.8, null, 0.7561], p80Target: 0.8, p50Target: 0.5, tolerance: 0.08, names });

describe("estimate calibration option", () => {
  it("draws the shares within P80 and P50 per day in percent, a gap where nobody was judged", () => {
    const o = build();
    expect(o.xAxis.data).toEqual(["11-24 · 30 张", "11-25 · 0 张", "11-26 · 41 张"]);
    expect(o.series.map((s: { id: string }) => s.id)).toEqual(["byP80", "byP50"]);
    expect(o.series[0].data).toEqual([80, null, 75.6]);
    expect(o.series[1].data).toEqual([53.3, null, 61]);
    expect([o.yAxis.min, o.yAxis.max]).toEqual([0, 100]);
  });

  it("draws the points of a day with too few tickets hollow and grey", () => {
    const o = buildCalibrationOption({ labels: ["a", "b"], byP50: [0.5, 1], byP80: [0.8, 1], thin: [false, true], p80Target: 0.8, p50Target: 0.5, tolerance: 0.08, names });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const data = (o as any).series[0].data;
    expect(data[0]).toBe(80);
    expect(data[1]).toEqual({ value: 100, symbol: "emptyCircle", itemStyle: { color: CHART_COLORS.muted } });
  });

  it("marks the 80% target with its tolerance band and the 50% target", () => {
    const o = build();
    const p80 = o.series[0].markLine.data;
    expect(p80.map((d: { yAxis: number }) => d.yAxis)).toEqual([80, 72, 88]);
    expect(p80.map((d: { lineStyle: { type: string } }) => d.lineStyle.type)).toEqual(["solid", "dashed", "dashed"]);
    expect(p80[0].lineStyle.color).toBe(CHART_COLORS.ok);
    expect(o.series[1].markLine.data[0]).toMatchObject({ name: "目标 50%", yAxis: 50 });
  });

  it("uses the safe rich-text tooltip and renders with ECharts", () => {
    const o = build();
    expect(o.tooltip.renderMode).toBe("richText");
    expect(o.tooltip.valueFormatter(75.6)).toBe("75.6%");
    expect(o.tooltip.valueFormatter(null)).toBe("—");
    const svg = renderSvg(o, 700, 260);
    expect(svg).toContain("目标 80%");
    expect(svg).toContain("11-26 · 41 张");
    expect(svg).not.toContain("NaN");
  });
});
